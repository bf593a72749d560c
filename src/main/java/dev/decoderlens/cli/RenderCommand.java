package dev.decoderlens.cli;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.export.Branch;
import dev.decoderlens.export.ExportFiles;
import dev.decoderlens.export.ExportService;
import dev.decoderlens.export.ExportSource;
import dev.decoderlens.export.GridOptions;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.Session;
import dev.decoderlens.io.SourceImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decoderlens render}: runs the study on an image (or every image of a folder) without a window and writes
 * the same pictures the window exports: {@code comparison.png}, one {@code <path>-<layer>.png} per chosen layer
 * (each with its JSON sidecar) and {@code report.json}. All drawing and writing is {@link ExportService}'s.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render the comparison and activation grids of an image without a window.",
                "Writes DIR/comparison.png, DIR/<path>-<layer>.png for each chosen layer of each path, and DIR/report.json.",
                "Each PNG has a JSON sidecar with every setting; --session accepts a sidecar to render it again."})
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "FILE|DIR", description = "Image file, or a folder: one sub-folder of DIR per image.")
    Path image;

    @Option(names = "--crop", paramLabel = "X,Y,W,H", description = "Crop rectangle in image pixels (default: the session's, "
            + "the report's 200,50,512,512 when it fits, else the largest centred square up to 512).")
    String crop;

    @Option(names = "--preset", paramLabel = "NAME", description = "Preset (default original-report); see --list-presets.")
    String preset;

    @Option(names = "--session", paramLabel = "S.json", description = "A saved session (or an export's sidecar) to reproduce.")
    Path session;

    @Option(names = "--layers", paramLabel = "all|NAME,...", defaultValue = "all", description = "Layers to draw: all (every "
            + "layer of paths A and B), encoder (every encoder layer), NAME, or A:NAME / B:NAME / encoder:NAME. Default: all.")
    String layers;

    @Option(names = "--scale", paramLabel = "N", description = "Integer enlargement 1-8, nearest neighbour (default 1).")
    Integer scale;

    @Option(names = "--colormap", paramLabel = "NAME", description = "viridis, magma, gray or rdbu (default viridis).")
    String colormap;

    @Option(names = "--normalization", paramLabel = "filter|layer|shared", description = "Colour scale per filter, per layer "
            + "(default) or shared by both paths.")
    String normalization;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (created when missing).")
    Path out;

    @Option(names = "--npy", description = "Also write each chosen layer's activations as <path>-<layer>.npy (float32, NCHW).")
    boolean npy;

    @Option(names = "--overwrite", description = "Replace files that already exist (otherwise they are an error).")
    boolean overwrite;

    @Option(names = "--list-presets", description = "List the presets with their explanations and exit.")
    boolean listPresets;

    private final ExportService exports = new ExportService();

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true"); // never needs a display, even when one is set but unusable
        PrintWriter stdout = spec.commandLine().getOut();
        if (listPresets) {
            for (Preset p : Preset.values()) {
                stdout.printf("%-18s %s%n", p.id(), p.explanation());
            }
            stdout.flush();
            return 0;
        }
        RenderRequest req = request();
        List<Path> images = images(req.image());
        boolean folderMode = Files.isDirectory(req.image());
        ExperimentRunner runner = new ExperimentRunner();
        Progress progress = Progress.forTerminal(spec.commandLine().getErr());
        for (int i = 0; i < images.size(); i++) {
            Path file = images.get(i);
            Path dir = folderMode ? out.resolve(stem(file)) : out;
            progress.image(file.getFileName().toString(), i, images.size());
            renderOne(req, file, dir, runner, progress);
            stdout.println("wrote " + dir);
        }
        progress.done();
        stdout.flush();
        return 0;
    }

    /** Everything the options decide, before any image is read. */
    record RenderRequest(Path image, ExperimentSettings settings, String presetId, Preset.Crop crop, GridOptions options) {
    }

    RenderRequest request() throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        if (preset != null && session != null) {
            throw new IllegalArgumentException("give either --preset or --session, not both");
        }
        Session saved = session == null ? null : Session.read(session);
        Path img = image != null ? image : saved != null ? saved.imagePath(session) : null;
        if (img == null) {
            throw new IllegalArgumentException("--image FILE|DIR is required");
        }
        ExperimentSettings settings;
        String presetId;
        if (saved != null) {
            settings = saved.settings();
            presetId = saved.preset();
        } else {
            String id = preset == null ? Preset.ORIGINAL_REPORT.id() : preset;
            Preset p = Preset.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown preset '" + id + "' (known: "
                    + String.join(", ", Stream.of(Preset.values()).map(Preset::id).toList()) + ")"));
            settings = p.settings();
            presetId = p.id();
        }
        Session.View view = saved != null ? saved.view() : Session.View.DEFAULT;
        GridOptions options = new GridOptions(scale != null ? scale : saved != null ? view.scale() : 1,
                colormap != null ? ColorMap.parse(colormap) : view.colorMap(),
                normalization != null ? Normalization.parse(normalization) : view.normalization());
        Preset.Crop c = crop != null ? parseCrop(crop) : saved != null ? saved.crop() : null;
        if (saved != null && image == null && Files.isRegularFile(img)) {
            saved.imageChanged(img).ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
        }
        return new RenderRequest(img, settings, presetId, c, options);
    }

    private void renderOne(RenderRequest req, Path file, Path dir, ExperimentRunner runner, Progress progress) throws IOException {
        SourceImage source = Images.read(file);
        Preset.Crop c = req.crop() != null ? req.crop() : defaultCrop(source, req.settings().encoder().totalStride());
        SourceImage cropped;
        try {
            cropped = source.crop(c.x(), c.y(), c.width(), c.height());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage());
        }
        ExportFiles.ensureFolder(dir);
        for (String f : new String[] {"comparison.png", "report.json"}) {
            if (!overwrite && Files.exists(dir.resolve(f))) { // fail before the run, not after it
                throw new IllegalArgumentException(dir.resolve(f) + " already exists (use --overwrite, or another --out)");
            }
        }
        ExperimentResult result = runner.run(cropped, req.settings(), CancellationToken.NONE, progress::layerDone);
        Session s = new Session(Session.ImageRef.of(file), c, req.presetId(), req.settings(),
                new Session.View(null, null, req.options().colorMap(), req.options().normalization(), req.options().scale()));
        ExportSource src = new ExportSource(s, result);
        List<String> written = new ArrayList<>();
        written.add(exports.exportComparison(src, req.options(), dir.resolve("comparison.png"), overwrite).png().getFileName().toString());
        List<LayerChoice> chosen = LayerChoice.parse(layers, src);
        for (int i = 0; i < chosen.size(); i++) {
            LayerChoice l = chosen.get(i);
            progress.exporting(i, chosen.size());
            Path png = dir.resolve(ExportService.fileName(l.branch(), l.layer(), "png"));
            written.add(exports.exportGrid(src, l.branch(), l.layer(), req.options(), png, overwrite).png().getFileName().toString());
            if (npy) {
                exports.exportActivations(src, l.branch(), l.layer(), dir, overwrite).forEach(f -> written.add(f.getFileName().toString()));
            }
        }
        exports.exportReport(src, req.options(), written, dir.resolve("report.json"), overwrite);
    }

    /** The report's crop when it fits, else the largest centred square up to 512, a multiple of the encoder's stride. */
    static Preset.Crop defaultCrop(SourceImage img, int stride) {
        Preset.Crop r = Preset.REPORT_CROP;
        if (r.x() + r.width() <= img.width() && r.y() + r.height() <= img.height()) {
            return r;
        }
        int side = Math.min(512, Math.min(img.width(), img.height())) / stride * stride;
        if (side < stride) {
            throw new IllegalArgumentException("the image " + img.width() + "x" + img.height() + " is smaller than the encoder's stride " + stride);
        }
        return new Preset.Crop((img.width() - side) / 2, (img.height() - side) / 2, side, side);
    }

    static Preset.Crop parseCrop(String s) {
        String[] p = s.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException("--crop needs X,Y,W,H (four integers), got '" + s + "'");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Integer.parseInt(p[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--crop needs X,Y,W,H (four integers), got '" + s + "'");
            }
        }
        if (v[0] < 0 || v[1] < 0 || v[2] < 1 || v[3] < 1) {
            throw new IllegalArgumentException("--crop " + s + ": X and Y must be >= 0, W and H >= 1");
        }
        return new Preset.Crop(v[0], v[1], v[2], v[3]);
    }

    /** The image itself, or the readable images of a folder in name order. */
    static List<Path> images(Path image) throws IOException {
        if (!Files.exists(image)) {
            throw new IllegalArgumentException(image + ": no such file or folder");
        }
        if (!Files.isDirectory(image)) {
            return List.of(image);
        }
        List<String> suffixes = Images.readableSuffixes();
        try (Stream<Path> files = Files.list(image)) {
            List<Path> found = files.filter(Files::isRegularFile)
                    .filter(f -> suffixes.contains(suffix(f)))
                    .sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("the folder " + image + " holds no image (" + String.join(", ", suffixes) + ")");
            }
            return found;
        }
    }

    private static String suffix(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
