package dev.decoderlens.app.vm;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled sample photographs ({@code assets/samples}, with their sources in SOURCES.md). Looked up from the
 * {@code decoderlens.samples} property, the working directory, or beside the jar, so the window finds them whether
 * it was started by the launcher, by Maven or from an IDE.
 */
public final class Samples {
    public static final String DEFAULT = "raccoon.png";

    private Samples() {
    }

    /** The samples folder, or null when none is found. */
    public static Path folder() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("decoderlens.samples");
        if (prop != null) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of(System.getProperty("user.dir"), "assets", "samples"));
        try {
            Path code = Path.of(Samples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes or target/decoderlens.jar -> the project root is two levels up
            candidates.add(code.getParent().getParent().resolve("assets").resolve("samples"));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source: only the other candidates
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(DEFAULT))) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** The sample image files, raccoon first. */
    public static List<Path> list() {
        Path dir = folder();
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png"))
                    .sorted((a, b) -> a.getFileName().toString().equals(DEFAULT) ? -1
                            : b.getFileName().toString().equals(DEFAULT) ? 1 : a.compareTo(b))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The source line of a sample from SOURCES.md (its table row), for the samples menu tooltip. */
    public static String source(Path sample) {
        Path md = sample.resolveSibling("SOURCES.md");
        try {
            String name = sample.getFileName().toString();
            for (String line : Files.readAllLines(md)) {
                if (line.startsWith("| " + name + " ")) {
                    String[] cells = line.split("\\|");
                    return cells.length > 5 ? cells[3].trim() + "; " + cells[4].trim() : line;
                }
            }
        } catch (IOException e) {
            // no sources file: no tooltip text
        }
        return "";
    }
}
