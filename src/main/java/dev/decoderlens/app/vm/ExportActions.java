package dev.decoderlens.app.vm;

import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.export.Branch;
import dev.decoderlens.export.ExportService;
import dev.decoderlens.export.ExportSource;
import dev.decoderlens.export.GridOptions;
import dev.decoderlens.io.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The window's exports and sessions, through the same {@link ExportService} that {@code render} uses, so the same
 * settings give the same bytes. Everything describes the last finished run (its crop and settings), not a crop
 * the user has moved since. Failures are {@link IOException}s with the file and the reason in words.
 */
public final class ExportActions {
    private final MainViewModel vm;
    private final ExportService service = new ExportService();

    public ExportActions(MainViewModel vm) {
        this.vm = vm;
    }

    /** Whether there is a finished run to export. */
    public boolean ready() {
        return vm.runs().result() != null && vm.runs().resultSelection().picture().path() != null;
    }

    /** The session of the last finished run: image, crop, settings with seeds, selected layers and view. */
    public Session session() throws IOException {
        ExperimentResult r = require();
        ImageViewModel.Selection sel = vm.runs().resultSelection();
        Crop c = sel.crop();
        Preset p = vm.presetProperty().get();
        LayerRow la = vm.pathA().selectedLayer(), lb = vm.pathB().selectedLayer();
        Session.View view = new Session.View(la == null ? null : la.name(), lb == null ? null : lb.name(),
                vm.colorMapProperty().get(), vm.normalizationProperty().get(), gridOptions().scale());
        return new Session(Session.ImageRef.of(sel.picture().path()), new Preset.Crop(c.x(), c.y(), c.width(), c.height()),
                p == null ? null : p.id(), r.settings(), view);
    }

    public ExportSource source() throws IOException {
        return new ExportSource(session(), require());
    }

    /** Export scale: small maps enlarged so a tile is at least about 64 pixels, at most 8x. */
    public GridOptions gridOptions() {
        LayerRow l = vm.pathA().selectedLayer();
        int side = l == null ? 64 : Math.max(l.info().height(), l.info().width());
        int scale = Math.max(1, Math.min(8, 64 / Math.max(1, side)));
        return new GridOptions(scale, vm.colorMapProperty().get(), vm.normalizationProperty().get());
    }

    /** "A-deconv1.png" for the selected layer of a path. */
    public String gridFileName(Side side) {
        LayerRow l = vm.path(side).selectedLayer();
        return ExportService.fileName(branch(side, l), l == null ? "layer" : l.name(), "png");
    }

    /** The selected layer's labelled grid of one path as PNG with its JSON sidecar. */
    public ExportService.Written exportGrid(Side side, Path png, boolean overwrite) throws IOException {
        LayerRow l = vm.path(side).selectedLayer();
        if (l == null) {
            throw new IOException("path " + side.name() + " has no selected layer to export");
        }
        return service.exportGrid(source(), branch(side, l), l.name(), gridOptions(), png, overwrite);
    }

    /** Both paths' selected grids into a folder, named as {@code render} names them. */
    public List<Path> exportGrids(Path dir, boolean overwrite) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Side s : Side.values()) {
            out.add(exportGrid(s, dir.resolve(gridFileName(s)), overwrite).png());
        }
        return out;
    }

    public ExportService.Written exportComparison(Path png, boolean overwrite) throws IOException {
        return service.exportComparison(source(), gridOptions(), png, overwrite);
    }

    /** The selected layer (or every layer) of a path as .npy, NCHW float32. */
    public List<Path> exportActivations(Side side, boolean allLayers, Path dir, boolean overwrite) throws IOException {
        LayerRow l = vm.path(side).selectedLayer();
        Branch b = allLayers ? Branch.valueOf(side.name()) : branch(side, l);
        return service.exportActivations(source(), b, allLayers || l == null ? null : l.name(), dir, overwrite);
    }

    public void saveSession(Path file, boolean overwrite) throws IOException {
        session().write(file, overwrite);
    }

    /**
     * Restores a session: image, crop, settings, view and the selected layers. Returns a warning in words when the
     * image file changed since the session was saved, else empty. A missing image throws and changes nothing.
     */
    public Optional<String> openSession(Path file) throws IOException {
        Session s = Session.read(file);
        return restore(s, s.imagePath(file));
    }

    Optional<String> restore(Session s, Path image) throws IOException {
        Optional<String> changed = s.imageChanged(image);
        vm.restore(s, image);
        return changed;
    }

    /** Encoder layers belong to the encoder's network; the rest to the path's. */
    private static Branch branch(Side side, LayerRow l) {
        return l != null && l.encoder() ? Branch.ENCODER : Branch.valueOf(side.name());
    }

    private ExperimentResult require() throws IOException {
        ExperimentResult r = vm.runs().result();
        if (r == null) {
            throw new IOException("nothing to export yet: the first run has not finished");
        }
        if (vm.runs().resultSelection().picture().path() == null) {
            throw new IOException("the image has no file to refer to");
        }
        return r;
    }
}
