package dev.decoderlens.bench;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.engine.kernel.Parallel;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.SourceImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 3's interactive targets, measured on the window's own code path ({@link ExperimentRunner}, every activation
 * kept for the grids): a full run at 512x512, a decoder-only change at 512x512 (one path's weights reseeded; the
 * encoder and the other path come from the cache), a crop drag at 256x256 (a new crop each time: encoder and both
 * paths), and the heap the full 512x512 trace occupies. Run through scripts/bench-interactive.sh, which starts the
 * JVM with -Xmx1536m so that the trace must fit in 1.5 GB. Engine time only: drawing is not included.
 * {@code --layers PRESET} instead prints where a crop drag's time goes, layer by layer.
 */
public final class InteractiveBenchmark {
    private InteractiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--layers")) {
            Kernels.awaitWarmUp();
            dragByLayer(Preset.byId(args[1]).orElseThrow(() -> new IllegalArgumentException("no preset " + args[1])),
                    Images.read(Path.of("assets/samples/raccoon.png")));
            return;
        }
        boolean heapOnly = args.length > 0 && args[0].equals("--heap-only");
        int reps = args.length > 0 && !heapOnly ? Integer.parseInt(args[0]) : 9;
        Kernels.awaitWarmUp();
        SourceImage photo = Images.read(Path.of("assets/samples/raccoon.png"));
        if (heapOnly) {
            heapOnly(photo);
            return;
        }
        System.out.printf(Locale.ROOT, "kernels: %s; max heap %d MB; photo %dx%d%n%n", Kernels.get().name(),
                Runtime.getRuntime().maxMemory() >> 20, photo.width(), photo.height());
        System.out.println("| preset | full run @512 ms | decoder-only change @512 ms (A / B) | then reading its kept upsampled images ms (A / B) | crop drag @256 ms | recomputes/s @256 | heap with the 512 trace MB |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Preset preset : Preset.values()) {
            measure(preset, photo, reps);
        }
    }

    private static void measure(Preset preset, SourceImage photo, int reps) {
        ExperimentSettings s = preset.settings();
        ExperimentRunner runner = new ExperimentRunner();
        SourceImage crop512 = photo.crop(0, 0, 512, 512);
        // warm-up: the shapes of this preset through the JIT
        for (int i = 0; i < 3; i++) {
            runner.clearCache();
            runner.run(crop512, s);
        }
        // heap: one full trace held, as the window holds the result it shows (the runner's cache shares it); the
        // buffer pool is emptied first: it holds only soft references, which the collector clears under pressure
        runner.clearCache();
        ExperimentResult shown = everyActivationMade(runner.run(crop512, s));
        runner.executor().buffers().clear();
        long heap = usedHeapAfterGc();
        shown.hashCode(); // keeps the trace reachable until it has been measured
        shown = null;
        long[] full = new long[reps], decA = new long[reps], decB = new long[reps], readA = new long[reps], readB = new long[reps];
        for (int r = 0; r < reps; r++) {
            runner.clearCache();
            long t0 = System.nanoTime();
            runner.run(crop512, s);
            full[r] = System.nanoTime() - t0;
            decA[r] = timeDecoderChange(runner, crop512, s, Side.A, r, readA);
            decB[r] = timeDecoderChange(runner, crop512, s, Side.B, r, readB);
        }
        // crop drag at 256: every run a new crop, 8 pixels further right
        long[] drag = new long[Math.max(reps, 15)];
        for (int r = -3; r < drag.length; r++) {
            SourceImage crop = photo.crop(64 + 8 * Math.max(r, 0) + (r < 0 ? 200 + r : 0), 100, 256, 256);
            long t0 = System.nanoTime();
            runner.run(crop, s);
            if (r >= 0) {
                drag[r] = System.nanoTime() - t0;
            }
        }
        double dragMs = median(drag) / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f / %.1f | %.1f / %.1f | %.1f | %.1f | %d |%n", preset.id(),
                median(full) / 1e6, median(decA) / 1e6, median(decB) / 1e6, median(readA) / 1e6, median(readB) / 1e6, dragMs,
                1000 / dragMs, heap >> 20);
    }

    /**
     * The crop drag at 256x256 of {@link #measure}, layer by layer: the median time of each layer over 30 crops,
     * after 10 untimed ones. The medians need not add up to the median run.
     */
    private static void dragByLayer(Preset preset, SourceImage photo) {
        ExperimentSettings s = preset.settings();
        ExperimentRunner runner = new ExperimentRunner();
        Map<String, List<Long>> times = new LinkedHashMap<>();
        long[] whole = new long[30];
        for (int r = -10; r < whole.length; r++) {
            SourceImage crop = photo.crop(64 + 4 * (r + 10), 100, 256, 256);
            boolean timed = r >= 0;
            long t0 = System.nanoTime();
            runner.run(crop, s, CancellationToken.NONE, (phase, done, total, run) -> {
                if (timed) {
                    times.computeIfAbsent(phase + " " + run.node(), k -> new ArrayList<>()).add(run.nanos());
                }
            });
            if (timed) {
                whole[r] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "crop drag @256, %s, %d threads: median run %.1f ms%n%n| layer | median ms |%n|---|---|%n",
                preset.id(), Parallel.threads(), median(whole) / 1e6);
        times.forEach((layer, t) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", layer,
                median(t.stream().mapToLong(Long::longValue).toArray()) / 1e6));
    }

    /**
     * In a JVM started with the heap limit of the target: every preset's full trace at 512x512 is built, with the
     * window's previous result still held while the new one is computed (as when the user switches presets), and
     * the heap in use with one trace is printed. An OutOfMemoryError here means the target is missed.
     */
    private static void heapOnly(SourceImage photo) {
        System.out.printf(Locale.ROOT, "max heap %d MB%n%n| preset | heap with the 512 trace MB |%n|---|---|%n",
                Runtime.getRuntime().maxMemory() >> 20);
        ExperimentRunner runner = new ExperimentRunner();
        ExperimentResult shown = null;
        for (Preset preset : Preset.values()) {
            shown = everyActivationMade(runner.run(photo.crop(0, 0, 512, 512), preset.settings()));
            runner.executor().buffers().clear();
            System.out.printf(Locale.ROOT, "| %s | %d |%n", preset.id(), usedHeapAfterGc() >> 20);
        }
        shown.hashCode();
    }

    /**
     * Reads every activation of the result, as the window's grids and analysis do: an upsampling kept for the grids
     * is only made when read (Tensor.derived), and the heap target is about the full trace.
     */
    private static ExperimentResult everyActivationMade(ExperimentResult r) {
        for (var run : java.util.List.of(r.encoder(), r.path(Side.A), r.path(Side.B))) {
            run.trace().tensors().values().forEach(t -> t.data());
        }
        return r;
    }

    /** Reseeds one path's weights: only that decoder runs again. */
    private static long timeDecoderChange(ExperimentRunner runner, SourceImage crop, ExperimentSettings s, Side side, int r,
                                          long[] readAfter) {
        ExperimentSettings changed = s.withPath(side, s.path(side).withInit(s.path(side).init().withSeed(1000 + r)));
        int before = runner.encoderRuns();
        long t0 = System.nanoTime();
        ExperimentResult result = runner.run(crop, changed);
        long t = System.nanoTime() - t0;
        // what reading the path's upsampled images then costs (the grids or the analysis read them)
        result.path(side).trace().tensors().values().forEach(x -> x.data());
        readAfter[r] = System.nanoTime() - t0 - t;
        if (runner.encoderRuns() != before) {
            throw new IllegalStateException("the encoder ran again on a decoder-only change");
        }
        runner.run(crop, s); // back, from the cache or not: untimed
        return t;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
