package dev.decoderlens.cli;

import dev.decoderlens.export.Branch;
import dev.decoderlens.export.ExportService;
import dev.decoderlens.export.ExportSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A layer of one network chosen with {@code render --layers}. */
record LayerChoice(Branch branch, String layer) {

    /**
     * Reads {@code all} (every layer of paths A and B), {@code encoder} (every encoder layer), {@code NAME} (that
     * layer in each path that has it, else in the encoder) and {@code A:NAME}, {@code B:NAME}, {@code encoder:NAME}.
     */
    static List<LayerChoice> parse(String spec, ExportSource src) {
        Set<LayerChoice> out = new LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String token = raw.trim();
            if (token.isEmpty()) {
                continue;
            }
            if (token.equalsIgnoreCase("all")) {
                for (Branch b : List.of(Branch.A, Branch.B)) {
                    ExportService.layerNames(src, b).forEach(n -> out.add(new LayerChoice(b, n)));
                }
            } else if (token.equalsIgnoreCase("encoder")) {
                ExportService.layerNames(src, Branch.ENCODER).forEach(n -> out.add(new LayerChoice(Branch.ENCODER, n)));
            } else if (token.contains(":")) {
                Branch b = Branch.parse(token.substring(0, token.indexOf(':')));
                String name = token.substring(token.indexOf(':') + 1);
                out.add(new LayerChoice(b, src.layer(b, name).name()));
            } else {
                out.addAll(byName(token, src));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--layers chose no layer");
        }
        return List.copyOf(out);
    }

    private static List<LayerChoice> byName(String name, ExportSource src) {
        List<LayerChoice> found = new ArrayList<>();
        for (Branch b : List.of(Branch.A, Branch.B)) {
            if (ExportService.layerNames(src, b).contains(name)) {
                found.add(new LayerChoice(b, name));
            }
        }
        if (found.isEmpty() && ExportService.layerNames(src, Branch.ENCODER).contains(name)) {
            found.add(new LayerChoice(Branch.ENCODER, name));
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no layer '" + name + "' (path A: " + String.join(", ", ExportService.layerNames(src, Branch.A))
                    + "; path B: " + String.join(", ", ExportService.layerNames(src, Branch.B))
                    + "; encoder: " + String.join(", ", ExportService.layerNames(src, Branch.ENCODER)) + ")");
        }
        return found;
    }
}
