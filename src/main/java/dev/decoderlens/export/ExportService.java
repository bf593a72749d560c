package dev.decoderlens.export;

import com.google.gson.JsonObject;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkRun;
import dev.decoderlens.io.Npy;
import dev.decoderlens.io.Session;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.GridSheet;
import dev.decoderlens.render.PngFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the window's Export menu and {@code render} write: labelled filter grids and the comparison as PNG
 * with a JSON sidecar, raw activations as {@code .npy}, and {@code render}'s report. Plain Java, no JavaFX: both
 * callers use this one class, so the same settings give the same bytes.
 *
 * <p>Every write is atomic and refuses to replace an existing file unless {@code overwrite} is true (the window
 * asks first); a failure is an {@link IOException} whose message names the file and the reason in words.
 */
public final class ExportService {

    /** The files one export wrote. */
    public record Written(Path png, Path sidecar) {
    }

    /** "A-deconv1.png": the name {@code render} gives a layer's grid; any character outside [A-Za-z0-9._-] becomes _. */
    public static String fileName(Branch branch, String layer, String extension) {
        return branch.id() + "-" + layer.replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
    }

    /** The sidecar of {@code x.png} is {@code x.json}. */
    public static Path sidecarOf(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** The PNG bytes {@link #exportGrid} writes, for callers that want them without a file (and for tests). */
    public byte[] gridPng(ExportSource src, Branch branch, String layer, GridOptions opts) {
        src.layer(branch, layer);
        FilterGrid grid = Pictures.grid(src, branch, layer, opts);
        return PngFiles.encode(Pictures.gridSheet(src, branch, layer, grid));
    }

    /** One layer's labelled filter grid as PNG, and its sidecar beside it. */
    public Written exportGrid(ExportSource src, Branch branch, String layer, GridOptions opts, Path png, boolean overwrite)
            throws IOException {
        src.layer(branch, layer); // a wrong name fails before anything is drawn
        Path json = sidecarOf(png);
        refuseExisting(overwrite, png, json);
        FilterGrid grid = Pictures.grid(src, branch, layer, opts);
        BufferedImage sheet = Pictures.gridSheet(src, branch, layer, grid);
        JsonObject side = Sidecars.grid(src, branch, layer, opts, grid, png.getFileName().toString(), sheet.getWidth(), sheet.getHeight());
        ExportFiles.write(png, PngFiles.encode(sheet), overwrite);
        ExportFiles.write(json, Sidecars.bytes(side), overwrite);
        return new Written(png, json);
    }

    /**
     * Both paths' grids side by side in one PNG: {@code layerA} of path A beside {@code layerB} of path B (shared
     * normalisation spans exactly these two), and one sidecar describing both.
     */
    public Written exportGridPair(ExportSource src, String layerA, String layerB, GridOptions opts, Path png, boolean overwrite)
            throws IOException {
        src.layer(Branch.A, layerA);
        src.layer(Branch.B, layerB);
        Path json = sidecarOf(png);
        refuseExisting(overwrite, png, json);
        var s = src.session();
        var v = s.view();
        ExportSource pair = new ExportSource(new Session(s.image(), s.crop(), s.preset(), s.settings(),
                new Session.View(layerA, layerB, v.colorMap(), v.normalization(), v.scale())), src.result(), src.analysis());
        FilterGrid a = Pictures.grid(pair, Branch.A, layerA, opts), b = Pictures.grid(pair, Branch.B, layerB, opts);
        BufferedImage sheet = GridSheet.sideBySide(List.of(
                Pictures.gridSheet(pair, Branch.A, layerA, a), Pictures.gridSheet(pair, Branch.B, layerB, b)));
        JsonObject side = Sidecars.gridPair(pair, layerA, layerB, opts, a, b, png.getFileName().toString(), sheet.getWidth(), sheet.getHeight());
        ExportFiles.write(png, PngFiles.encode(sheet), overwrite);
        ExportFiles.write(json, Sidecars.bytes(side), overwrite);
        return new Written(png, json);
    }

    /** Input crop | path A output | path B output | difference in one labelled PNG, and its sidecar. */
    public Written exportComparison(ExportSource src, GridOptions opts, Path png, boolean overwrite) throws IOException {
        Path json = sidecarOf(png);
        refuseExisting(overwrite, png, json);
        BufferedImage sheet = Pictures.comparisonSheet(src, opts);
        JsonObject side = Sidecars.comparison(src, opts, png.getFileName().toString(), sheet.getWidth(), sheet.getHeight());
        ExportFiles.write(png, PngFiles.encode(sheet), overwrite);
        ExportFiles.write(json, Sidecars.bytes(side), overwrite);
        return new Written(png, json);
    }

    /**
     * Activations as {@code .npy} (float32, C order, NCHW) in {@code dir}, named like the grids
     * ("B-deconv1.npy"): one layer, or every layer of that network when {@code layer} is null.
     */
    public List<Path> exportActivations(ExportSource src, Branch branch, String layer, Path dir, boolean overwrite) throws IOException {
        NetworkRun run = branch.run(src.result());
        List<String> names = new ArrayList<>();
        if (layer == null) {
            run.layers().forEach(l -> names.add(l.name()));
        } else {
            names.add(src.layer(branch, layer).name());
        }
        List<Path> files = names.stream().map(n -> dir.resolve(fileName(branch, n, "npy"))).toList();
        refuseExisting(overwrite, files.toArray(Path[]::new));
        for (int i = 0; i < names.size(); i++) {
            Tensor t = run.activation(names.get(i));
            ExportFiles.write(files.get(i), out -> Npy.write(t, out), overwrite);
        }
        return files;
    }

    /** {@code render}'s report.json: the session and every layer's description and numbers, plus the files written. */
    public Path exportReport(ExportSource src, GridOptions opts, List<String> files, Path json, boolean overwrite) throws IOException {
        refuseExisting(overwrite, json);
        ExportFiles.write(json, Sidecars.bytes(Sidecars.report(src, opts, files)), overwrite);
        return json;
    }

    /** The layers of a network, for "all". */
    public static List<String> layerNames(ExportSource src, Branch branch) {
        return branch.run(src.result()).layers().stream().map(LayerInfo::name).toList();
    }

    /** Checks every target first, so an export that cannot finish leaves nothing half-written behind. */
    static void refuseExisting(boolean overwrite, Path... files) throws IOException {
        for (Path f : files) {
            ExportFiles.checkFolder(f.toAbsolutePath().getParent());
            if (!overwrite && Files.exists(f)) {
                throw new FileAlreadyExistsException(f.toString(), null, "already exists (choose to overwrite, or another name)");
            }
        }
    }
}
