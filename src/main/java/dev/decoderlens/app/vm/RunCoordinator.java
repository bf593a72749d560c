package dev.decoderlens.app.vm;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.experiment.RunProgress;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.SourceImage;
import dev.decoderlens.render.ArgbImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.Normalization;
import dev.decoderlens.render.OutputPicture;
import dev.decoderlens.render.ValueRange;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Runs the study in the background and hands the result to the path view models. One run at a time. A change on its
 * own cancels the stale run under way, and a result that arrives after it was superseded is dropped. A change that
 * follows the one before within {@link #GESTURE_NANOS} (a drag of the crop, a spinner arrow held down) lets the run
 * under way finish and waits for it, the newest change replacing older ones, so a gesture shows a new frame every run
 * instead of none until it stops. The runner keeps the encoder output cached, so a decoder-only change runs only the
 * decoders. Pictures (outputs, grids) are drawn on the worker too and only handed over on the UI thread.
 */
public final class RunCoordinator {
    /** One run and the pictures drawn from it. */
    record Drawn(ExperimentResult result, ArgbImage input, ArgbImage outA, ArgbImage outB, String rangeA, String rangeB) {
    }

    private final Background background;
    private final ExperimentRunner runner;
    /** The run begun at launch, which the first request for the same crop and settings takes over. */
    private final FirstRun first;
    private final PathViewModel a;
    private final PathViewModel b;
    private final StatusViewModel status;
    private final ReadOnlyObjectWrapper<ExperimentResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private ImageViewModel.Selection resultSelection;
    private final ReadOnlyObjectWrapper<AnalysisSummary> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private Background.Handle analysisJob = Background.Handle.DONE;
    /**
     * Whether anything shows the analysis. The window binds it to its Analysis and About tabs: measuring a run takes
     * 0.25-0.3 s of both cores at 256x256 (every filter of every decoder layer), which a drag or the launch's last
     * pictures need more. True without a window, so the view-model tests see every run measured.
     */
    private final BooleanProperty analysisWanted = new SimpleBooleanProperty(this, "analysisWanted", true);
    /** The result shown whose analysis waits for the drag to catch up or for a tab that shows it; or null. */
    private ExperimentResult unmeasured;
    private final ReadOnlyObjectWrapper<ArgbImage> inputImage = new ReadOnlyObjectWrapper<>(this, "inputImage");
    private Background.Handle current = Background.Handle.DONE;
    private final Background.Handle[] gridJobs = {Background.Handle.DONE, Background.Handle.DONE};
    /** What each path's grid shows, or is being drawn to show: a request for the same is not drawn again. */
    private final GridRequest[] gridRequests = new GridRequest[2];
    private long generation;
    /**
     * With {@code -Ddecoderlens.runLog=true} every result handed to the window is logged with the time from its run's
     * start: how fast a drag's frames come in the window itself, beside the renderer and the grids.
     */
    private static final boolean RUN_LOG = Boolean.getBoolean("decoderlens.runLog");
    /**
     * Changes closer together than this are one gesture. A pointer moves every 16 ms or so and a held spinner arrow
     * repeats every 60 ms; a run takes 40-110 ms at 256x256 and up to a few tenths of a second at 512x512. Cancelling
     * the run under way at every change of a gesture left none to finish: a drag showed nothing until it stopped.
     */
    static final long GESTURE_NANOS = 250_000_000L;
    private LongSupplier clock = System::nanoTime;
    private long lastRequestNanos = Long.MIN_VALUE / 2;
    private long launchedNanos;
    /** The request whose run is under way, or null. */
    private Request inFlight;
    /** The newest crop move made while {@link #inFlight} runs: started when that run ends, or null. */
    private Request pending;
    private ColorMap map = ColorMap.VIRIDIS;
    private Normalization norm = Normalization.PER_FILTER;

    RunCoordinator(Background background, ExperimentRunner runner, PathViewModel a, PathViewModel b, StatusViewModel status, FirstRun first) {
        this.first = first;
        this.background = background;
        this.runner = runner;
        this.a = a;
        this.b = b;
        this.status = status;
        analysisWanted.addListener((o, was, wanted) -> measureShown());
    }

    /** For tests: the clock that tells a gesture's changes from changes on their own. */
    void useClock(LongSupplier nanos) {
        clock = nanos;
    }

    /** Whether the analysis of each result is wanted (see the field); the window binds it to its tabs. */
    public BooleanProperty analysisWantedProperty() {
        return analysisWanted;
    }

    /** The last finished run, or null. */
    public ReadOnlyObjectProperty<ExperimentResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ExperimentResult result() {
        return result.get();
    }

    /** The analysis of the last run (checkerboard measures, overlaps, spectra, difference), or null while measuring. */
    public ReadOnlyObjectProperty<AnalysisSummary> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    /** The network input (the crop after scaling) as a picture. */
    public ReadOnlyObjectProperty<ArgbImage> inputImageProperty() {
        return inputImage.getReadOnlyProperty();
    }

    public ExperimentRunner runner() {
        return runner;
    }

    /** The picture and crop the last finished run was computed from (the crop may have moved since). */
    public ImageViewModel.Selection resultSelection() {
        return resultSelection;
    }

    void start(ImageViewModel.Selection from, ExperimentSettings settings, ColorMap colorMap, Normalization normalization) {
        map = colorMap; // the newest colours, also for a run that waits (a recolouring may come while it waits)
        norm = normalization;
        Request wanted = new Request(from, settings);
        long now = clock.getAsLong();
        boolean gesture = now - lastRequestNanos < GESTURE_NANOS;
        lastRequestNanos = now;
        if (inFlight != null && gesture && inFlight.samePicture(wanted)) {
            // Part of a gesture: the run under way finishes, as its next frame, and this request waits for it,
            // replacing any older one still waiting (none when the gesture has come back to what is running).
            pending = inFlight.equals(wanted) ? null : wanted;
            return;
        }
        pending = null;
        launch(wanted);
    }

    private void launch(Request run) {
        ImageViewModel.Selection from = run.from();
        ExperimentSettings settings = run.settings();
        ColorMap colorMap = map;
        Crop c = from.crop();
        SourceImage crop = from.picture().image().crop(c.x(), c.y(), c.width(), c.height());
        current.cancel();
        if (analysis.get() == null) {
            unmeasured = result.get(); // measured later if this run never replaces it
        }
        analysisJob.cancel();
        long gen = ++generation;
        inFlight = run;
        launchedNanos = System.nanoTime();
        status.started("Running on the " + crop.width() + "x" + crop.height() + " crop…");
        StartupClock.mark("run requested");
        current = background.submit((cancel, progress) -> {
            StartupClock.mark("run started");
            ExperimentResult r = first.result(crop, settings, cancel);
            if (r == null) {
                r = runner.run(crop, settings, cancel, (phase, done, total, step) -> progress.update(
                        (phase.ordinal() + done / (double) total) / RunProgress.Phase.values().length, label(phase) + " layer " + done + "/" + total + ": " + step.node() + " " + ms(step.nanos())));
            }
            cancel.check();
            StartupClock.mark("run done");
            Drawn pictures = draw(r, colorMap);
            StartupClock.mark("outputs drawn");
            return pictures;
        }, (fraction, text) -> {
            if (gen == generation) {
                status.progress(fraction, text);
            }
        }, drawn -> {
            if (gen == generation) {
                resultSelection = from;
                accept(drawn);
            }
        }, error -> {
            if (gen == generation) {
                status.failed("Run failed: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
                next();
                measureShown(); // the result still shown, if its measuring was stopped for this run
            }
        });
    }

    /**
     * The run in flight has ended: starts the request that waited for it, if any. Its job goes to the workers before
     * the grids of the result just shown, so the drag's next frame is not queued behind them.
     */
    private void next() {
        inFlight = null;
        Request waiting = pending;
        pending = null;
        if (waiting != null) {
            launch(waiting);
        }
    }

    void cancel() {
        pending = null;
        inFlight = null;
        current.cancel();
        analysisJob.cancel();
        generation++;
    }

    private void accept(Drawn d) {
        StartupClock.mark("outputs handed over");
        ExperimentResult r = d.result();
        if (RUN_LOG) {
            Crop c = resultSelection.crop();
            System.getLogger("dev.decoderlens.runs").log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                    "result shown: crop %dx%d at (%d, %d), %.1f ms after its run started%s", c.width(), c.height(), c.x(), c.y(),
                    (System.nanoTime() - launchedNanos) / 1e6, pending != null ? ", a newer crop waiting" : ""));
        }
        boolean firstResult = firstGridShown == null;
        if (firstResult) {
            firstGridShown = new boolean[2]; // from now on, grids shown are this result's (its layers are new)
        }
        result.set(r);
        inputImage.set(d.input());
        a.show(r, d.outA(), d.rangeA());
        b.show(r, d.outB(), d.rangeB());
        String enc = r.encoder().fromCache() ? "encoder cached" : "encoder " + ms(r.encoder().trace().totalNanos());
        long total = r.encoder().trace().totalNanos() * (r.encoder().fromCache() ? 0 : 1)
                + (r.pathA().fromCache() ? 0 : r.pathA().trace().totalNanos()) + (r.pathB().fromCache() ? 0 : r.pathB().trace().totalNanos());
        status.finished("Done in " + ms(total), enc + " · path A " + timing(r, ExperimentSettings.Side.A) + " · path B " + timing(r, ExperimentSettings.Side.B));
        analysis.set(null);
        unmeasured = r;
        next();
        redrawGrid(a, map, norm);
        redrawGrid(b, map, norm);
        measureShown();
        if (firstResult) {
            StartupClock.mark("outputs shown");
            firstGridsShown();
        }
    }

    /** Which grids of the first result are on screen; null until that result arrives. */
    private boolean[] firstGridShown;
    private boolean launchLogged;

    /** A grid (or its absence, for a layer that has none) is on screen. */
    private void gridShown(int idx) {
        if (firstGridShown != null && !launchLogged) {
            StartupClock.mark("grid " + (idx == 0 ? "A" : "B") + " shown");
            firstGridShown[idx] = true;
            firstGridsShown();
        }
    }

    /**
     * Once the first result's outputs and both its grids have been handed to the scene, logs the launch time when the
     * frame that shows them has been presented (see {@link StartupClock#whenOnScreen}).
     */
    private void firstGridsShown() {
        if (!launchLogged && firstGridShown != null && firstGridShown[0] && firstGridShown[1] && result.get() != null) {
            launchLogged = true;
            StartupClock.whenOnScreen(StartupClock::firstComparisonDrawn);
        }
    }

    /**
     * Measures the result shown on a worker, once nothing shows a newer one soon (a drag's next frame is not slowed by
     * it) and something shows the analysis; a newer run cancels it.
     */
    private void measureShown() {
        if (unmeasured == null || inFlight != null || !analysisWanted.get()) {
            return;
        }
        ExperimentResult r = unmeasured;
        unmeasured = null;
        analysisJob.cancel();
        long gen = generation;
        analysisJob = background.submit((cancel, progress) -> AnalysisSummary.of(r, cancel), Background.Progress.NONE,
                s -> {
                    if (gen == generation) {
                        analysis.set(s);
                    }
                },
                error -> status.info("Analysis failed: " + error.getMessage()));
    }

    /** Colour map or normalisation changed: redraw the pictures of the last run without running the network. */
    void redraw(ColorMap colorMap, Normalization normalization) {
        map = colorMap;
        norm = normalization;
        ExperimentResult r = result.get();
        if (r == null) {
            return;
        }
        Drawn d = draw(r, colorMap);
        inputImage.set(d.input());
        a.show(r, d.outA(), d.rangeA());
        b.show(r, d.outB(), d.rangeB());
        redrawGrid(a, map, norm);
        redrawGrid(b, map, norm);
    }

    /** Draws the selected layer's grid of one path on a worker (shared normalisation spans both paths' layers). */
    void redrawGrid(PathViewModel path, ColorMap colorMap, Normalization normalization) {
        LayerRow layer = path.selectedLayer();
        int idx = path == a ? 0 : 1;
        if (layer == null || layer.activation().rank() != 4) {
            gridJobs[idx].cancel();
            gridRequests[idx] = null;
            path.showGrid(null);
            gridShown(idx);
            return;
        }
        LayerRow peer = (path == a ? b : a).selectedLayer();
        Tensor mine = layer.activation();
        Tensor theirs = peer == null || peer.activation().rank() != 4 ? null : peer.activation();
        // A new run selects a layer in each path and then redraws both, and each selection redraws both paths
        // (they may share a colour scale): the same grid was asked for three times, and the largest takes a second.
        GridRequest request = new GridRequest(layer, normalization == Normalization.SHARED ? theirs : null, colorMap, normalization);
        if (request.sameAs(gridRequests[idx])) {
            return;
        }
        gridRequests[idx] = request;
        gridJobs[idx].cancel();
        gridJobs[idx] = background.submit((cancel, progress) -> {
            int side = Math.max(mine.dim(2), mine.dim(3));
            int scale = Math.max(1, Math.min(8, 96 / Math.max(1, side)));
            ValueRange shared = normalization != Normalization.SHARED ? null
                    : theirs == null ? FilterGrid.sharedRange(mine) : FilterGrid.sharedRange(mine, theirs);
            FilterGrid grid = FilterGrid.render(mine, new FilterGrid.Settings(colorMap, normalization, scale, shared, 2, 0), cancel);
            StartupClock.mark("grid " + (idx == 0 ? "A" : "B") + " drawn");
            return grid;
        }, Background.Progress.NONE, grid -> {
            if (path.selectedLayer() == layer) {
                path.showGrid(grid);
                gridShown(idx);
            }
        }, error -> {
            if (gridRequests[idx] == request) {
                gridRequests[idx] = null; // asking again draws again
            }
            status.failed("Could not draw " + layer.name() + ": " + error.getMessage());
        });
    }

    /** What a run is asked to compute. */
    private record Request(ImageViewModel.Selection from, ExperimentSettings settings) {
        /** Of the same picture (another picture is never part of a gesture). */
        boolean samePicture(Request o) {
            return from.picture() == o.from.picture();
        }
    }

    /** A grid to draw: the layer, the other path's layer when they share one colour scale, and the colours. */
    private record GridRequest(LayerRow layer, Tensor sharedWith, ColorMap colorMap, Normalization normalization) {
        boolean sameAs(GridRequest o) {
            return o != null && o.layer == layer && o.sharedWith == sharedWith && o.colorMap == colorMap && o.normalization == normalization;
        }
    }

    /**
     * The input over the scaling's range and each output over its activation's limits (0..1 for a sigmoid), so a
     * saturated output looks as flat as it is instead of being stretched over its tiny range.
     */
    static Drawn draw(ExperimentResult r, ColorMap map) {
        ExperimentSettings s = r.settings();
        float[] in = s.scaling().range(s.colorMode() == ColorMode.GRAYSCALE);
        ValueRange inRange = new ValueRange(Math.min(in[0], in[1]), Math.max(in[0], in[1]));
        ArgbImage input = OutputPicture.drawable(r.input()) ? OutputPicture.draw(r.input(), 0, map, inRange) : null;
        Tensor oa = r.pathA().output(), ob = r.pathB().output();
        return new Drawn(r, input, picture(oa, map, s.pathA()), picture(ob, map, s.pathB()),
                rangeText(oa) + (stretched(oa, s.pathA()) ? " (contrast stretched)" : ""),
                rangeText(ob) + (stretched(ob, s.pathB()) ? " (contrast stretched)" : ""));
    }

    private static ArgbImage picture(Tensor out, ColorMap map, PathConfig p) {
        if (!OutputPicture.drawable(out)) {
            return null;
        }
        var act = p.outputActivation();
        boolean own = !act.bounded() || stretched(out, p);
        return OutputPicture.draw(out, 0, map, own ? ValueRange.of(out) : new ValueRange(act.low(), act.high()));
    }

    /**
     * A bounded output is drawn over its activation's limits, so a saturated one looks as flat as it is; but when
     * its values span under a tenth of the limits and touch neither, that would be a flat grey hiding every
     * pattern, so it is drawn over its own range (and the footer says so).
     */
    static boolean stretched(Tensor out, PathConfig p) {
        var act = p.outputActivation();
        if (!act.bounded()) {
            return false;
        }
        ValueRange r = ValueRange.of(out);
        float span = act.high() - act.low();
        return !r.isEmpty() && r.max() - r.min() < 0.1f * span
                && r.min() > act.low() + 0.01f * span && r.max() < act.high() - 0.01f * span;
    }

    static String rangeText(Tensor t) {
        ValueRange r = ValueRange.of(t);
        return r.isEmpty() ? "no finite values" : String.format(Locale.ROOT, "values %.4g … %.4g", r.min(), r.max());
    }

    private static String timing(ExperimentResult r, ExperimentSettings.Side side) {
        var run = r.path(side);
        return run.fromCache() ? "cached" : ms(run.trace().totalNanos());
    }

    private static String label(RunProgress.Phase p) {
        return switch (p) {
            case ENCODER -> "encoder";
            case PATH_A -> "path A";
            case PATH_B -> "path B";
        };
    }

    static String ms(long nanos) {
        return nanos >= 10_000_000 ? (nanos / 1_000_000) + " ms" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
