package dev.decoderlens.experiment;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.engine.Taps;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.io.SourceImage;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the study: the encoder once, then both decoder paths on its output, keeping every layer's output.
 *
 * <p>Incremental: the encoder's run is cached under (crop pixels, input scaling, colour mode, encoder spec with its
 * seed), and each path's run under that key plus the path's config, so changing one decoder re-runs only that
 * decoder, and changing nothing re-runs nothing. Only the latest run of each is kept: activations of a 512 crop
 * take hundreds of megabytes. Runs are serialised; a cancelled run leaves the caches as they were.
 */
public final class ExperimentRunner {
    private record EncoderKey(long cropHash, int width, int height, InputScaling scaling, ColorMode colorMode, EncoderSpec spec) {
    }

    private record PathKey(EncoderKey encoder, PathConfig config) {
    }

    private record CachedEncoder(EncoderKey key, Tensor input, NetworkRun run) {
    }

    private record CachedPath(PathKey key, NetworkRun run) {
    }

    private record EncoderNetKey(EncoderSpec spec, int channels, int height, int width) {
    }

    private record DecoderNetKey(PathConfig config, List<Integer> encodedShape, int height, int width, int channels, int stride) {
    }

    /**
     * The last few networks built, weights included. Building one draws and packs every weight (about 20 ms for the
     * report's encoder and 8 ms for its decoders at 256x256), a third of a recompute while the user drags the crop,
     * where only the pixels change.
     */
    private final Map<Object, NetworkBuilder.Network> networks = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, NetworkBuilder.Network> eldest) {
            return size() > 6;
        }
    };

    private final Executor executor;
    private final AtomicInteger encoderRuns = new AtomicInteger();
    private final Map<Side, AtomicInteger> pathRuns = new EnumMap<>(Side.class);
    private CachedEncoder encoderCache;
    private final Map<Side, CachedPath> pathCache = new EnumMap<>(Side.class);

    public ExperimentRunner() {
        this(new Executor());
    }

    public ExperimentRunner(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
        for (Side s : Side.values()) {
            pathRuns.put(s, new AtomicInteger());
        }
    }

    public Executor executor() {
        return executor;
    }

    /** How many times the encoder actually ran (cache hits do not count). */
    public int encoderRuns() {
        return encoderRuns.get();
    }

    /** How many times this side's decoder actually ran. */
    public int decoderRuns(Side side) {
        return pathRuns.get(side).get();
    }

    /** Forgets the cached runs (their memory is freed once no result refers to them). */
    public synchronized void clearCache() {
        encoderCache = null;
        pathCache.clear();
        networks.clear();
    }

    /**
     * Runs the encoder and both paths on {@code crop}. Throws {@link java.util.concurrent.CancellationException}
     * when {@code cancel} fires, {@link IllegalArgumentException} with a message in words when the crop does not
     * suit the encoder.
     */
    public ExperimentResult run(SourceImage crop, ExperimentSettings settings, CancellationToken cancel, RunProgress progress) {
        return run(crop, settings, cancel, progress, executor.kernels());
    }

    /**
     * The same run on the panel micro-kernels alone ({@link Kernels#forColdJit}), for the first run of a program
     * whose JIT has compiled nothing yet. Leaving out Winograd's transforms brought the window's first comparison
     * from 4.25-5.34 s (median 4.54 s) to 3.93-4.93 s (median 4.13 s); leaving out the dot-product tiles as well
     * ended the first run 3.08-3.93 s after launch instead of 3.04-4.40 s (eight alternating launches each). Its
     * results agree with {@link #run}'s to about 1e-6 relative, and fill the same caches.
     */
    public ExperimentResult runOnColdJit(SourceImage crop, ExperimentSettings settings) {
        return run(crop, settings, CancellationToken.NONE, RunProgress.NONE, executor.kernels().forColdJit());
    }

    private synchronized ExperimentResult run(SourceImage crop, ExperimentSettings settings, CancellationToken cancel, RunProgress progress,
                                              Kernels kernels) {
        int stride = settings.encoder().totalStride();
        if (crop.width() < stride || crop.height() < stride) {
            throw new IllegalArgumentException("the crop " + crop.width() + "x" + crop.height() + " is smaller than the encoder's total stride " + stride);
        }
        CachedEncoder enc = encoder(crop, settings, cancel, progress, kernels);
        NetworkRun a = path(Side.A, enc, crop, settings, cancel, progress, kernels);
        NetworkRun b = path(Side.B, enc, crop, settings, cancel, progress, kernels);
        return new ExperimentResult(settings, crop, enc.input(), enc.run(), a, b);
    }

    public ExperimentResult run(SourceImage crop, ExperimentSettings settings) {
        return run(crop, settings, CancellationToken.NONE, RunProgress.NONE);
    }

    private CachedEncoder encoder(SourceImage crop, ExperimentSettings s, CancellationToken cancel, RunProgress progress, Kernels kernels) {
        EncoderKey key = new EncoderKey(crop.contentHash(), crop.width(), crop.height(), s.scaling(), s.colorMode(), s.encoder());
        CachedEncoder cached = encoderCache;
        if (cached != null && cached.key().equals(key)) {
            return new CachedEncoder(key, cached.input(), cached.run().cached());
        }
        Tensor input = crop.toTensor(s.scaling(), s.colorMode());
        NetworkBuilder.Network net = networks.computeIfAbsent(
                new EncoderNetKey(s.encoder(), s.colorMode().channels(), crop.height(), crop.width()),
                k -> NetworkBuilder.encoder(s.encoder(), s.colorMode().channels(), crop.height(), crop.width()));
        Trace trace = executor.run(net.graph(), Map.of(net.inputName(), input), Taps.ALL, cancel,
                (done, total, run) -> progress.layerDone(RunProgress.Phase.ENCODER, done, total, run), kernels);
        encoderRuns.incrementAndGet();
        CachedEncoder fresh = new CachedEncoder(key, input, new NetworkRun(net.plan(), trace, false));
        encoderCache = fresh;
        pathCache.clear(); // their key names the old encoder run; drop them so their memory can go
        return fresh;
    }

    private NetworkRun path(Side side, CachedEncoder enc, SourceImage crop, ExperimentSettings s, CancellationToken cancel, RunProgress progress,
                            Kernels kernels) {
        PathConfig config = s.path(side);
        PathKey key = new PathKey(enc.key(), config);
        for (CachedPath c : pathCache.values()) {
            if (c.key().equals(key)) {
                return c.run().cached();
            }
        }
        Tensor encoded = enc.run().output();
        DecoderNetKey netKey = new DecoderNetKey(config, Arrays.stream(encoded.shape()).boxed().toList(), crop.height(),
                crop.width(), s.colorMode().channels(), s.encoder().totalStride());
        NetworkBuilder.Network net = networks.computeIfAbsent(netKey, k -> NetworkBuilder.decoder(config, encoded.shape(),
                crop.height(), crop.width(), s.colorMode().channels(), s.encoder().totalStride()));
        RunProgress.Phase phase = RunProgress.Phase.of(side);
        Trace trace = executor.run(net.graph(), Map.of(net.inputName(), encoded), Taps.ALL, cancel,
                (done, total, run) -> progress.layerDone(phase, done, total, run), kernels);
        pathRuns.get(side).incrementAndGet();
        NetworkRun run = new NetworkRun(net.plan(), trace, false);
        pathCache.put(side, new CachedPath(key, run));
        return run;
    }
}
