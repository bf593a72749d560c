package dev.decoderlens.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Graph;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.engine.op.Activation;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 3's benchmark: this engine against ONNX Runtime (Java, CPU) in one JVM, runs interleaved so that both see
 * the same machine load, medians reported. Run through scripts/bench.sh. Arguments: {@code --reps N} (default 11),
 * {@code --only TEXT} (workloads whose name contains TEXT), {@code --no-scalar}, {@code --ort-profile} (ONNX
 * Runtime's per-node times too).
 */
public final class ConvBenchmark {
    /** Both cores of the reference machine with AVX-512 FMA (docs/PERFORMANCE.md). */
    static final double PEAK_GFLOPS = 545;
    /** Runs before timing: the Vector API is very slow until C2 has compiled the micro-kernels. */
    static final int WARMUP = Integer.getInteger("bench.warmup", 10);

    /** With --ort-profile: ONNX Runtime's own per-node times are printed after the engine's. */
    static boolean ortProfile;
    /** The FMA peak measured at the start of this run ({@link FmaPeak}). */
    static double measuredPeak;
    static final int SETTLE_MS = Integer.getInteger("bench.settleMs", 100);

    private ConvBenchmark() {
    }

    static List<BenchNet> workloads() {
        return List.of(
                new BenchNet("conv3x3 128->256 @128x128", 128, 128, 128, 1).conv(256, 3, Activation.IDENTITY),
                new BenchNet("convT k2 s2 128->64 @256x256", 128, 256, 256, 2).convTranspose(64, 2, 2, Activation.IDENTITY),
                // the encoder's narrow layer, where ONNX Runtime is ahead (not one of the issue's workloads)
                new BenchNet("conv3x3 32->64 @256x256", 32, 256, 256, 1).conv(64, 3, Activation.RELU),
                // the two decoders' RGB output layers at 512x512
                new BenchNet("conv1x1 64->3 sigmoid @512x512", 64, 512, 512, 1).conv(3, 1, Activation.SIGMOID),
                new BenchNet("conv3x3 256->3 sigmoid @512x512", 256, 512, 512, 1).conv(3, 3, Activation.SIGMOID),
                networkA(256), networkB(256), networkA(512), networkB(512));
    }

    static BenchNet encoder(String name, int size) {
        return new BenchNet(name, 3, size, size, size)
                .conv(32, 3, Activation.RELU).conv(64, 3, Activation.RELU).maxPool2()
                .conv(128, 3, Activation.RELU).conv(256, 3, Activation.RELU).maxPool2();
    }

    /** Encoder + transposed-convolution decoder. */
    static BenchNet networkA(int size) {
        return encoder("network A @" + size, size)
                .convTranspose(128, 2, 2, Activation.RELU).convTranspose(64, 2, 2, Activation.RELU)
                .conv(3, 1, Activation.SIGMOID);
    }

    /** Encoder + nearest-upsampling decoder. */
    static BenchNet networkB(int size) {
        return encoder("network B @" + size, size).upsample2().upsample2().conv(3, 3, Activation.SIGMOID);
    }

    public static void main(String[] args) throws OrtException, InterruptedException {
        int reps = 11;
        String only = "";
        boolean scalar = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--no-scalar" -> scalar = false;
                case "--ort-profile" -> ortProfile = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long w0 = System.nanoTime();
        Kernels.awaitWarmUp();
        System.err.printf(Locale.ROOT, "kernel warm-up finished after %.1f s%n", (System.nanoTime() - w0) / 1e9);
        measuredPeak = FmaPeak.measure();
        System.out.printf(Locale.ROOT, "engine kernels: %s, %d cores; ONNX Runtime %s; FMA peak measured now %.0f GFLOP/s "
                        + "(nominal %.0f)%n%n", Kernels.get().name(), Runtime.getRuntime().availableProcessors(), env.getVersion(),
                measuredPeak, PEAK_GFLOPS);
        System.out.println("| workload | GFLOP | engine ms | GFLOP/s | % of nominal peak | % of measured peak | ORT ms | ORT % of measured peak | engine/ORT | engine/ORT CPU time | scalar ms | scalar/vector | max abs diff |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (BenchNet net : workloads()) {
            if (net.name.contains(only)) {
                measure(env, net, reps, scalar && net.name.startsWith("conv"));
            }
        }
    }

    private static void measure(OrtEnvironment env, BenchNet net, int reps, boolean withScalar) throws OrtException {
        Graph graph = net.graph();
        Tensor x = net.input();
        // Each engine gets the input in its own layout: channels last for this one (how the app hands it an image,
        // and how its layers hand activations to each other), NCHW for ONNX Runtime.
        Tensor xe = x.toNhwc();
        Executor engine = new Executor(Kernels.get());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(net.onnxModel(), options);
                 OnnxTensor ox = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), toLong(x.shape()))) {
                float[] mine = runEngine(engine, graph, net, xe).toRowMajor().data();
                float[] theirs = runOrt(session, ox);
                double diff = maxAbsDiff(mine, theirs);
                for (int w = 0; w < WARMUP; w++) {
                    runEngine(engine, graph, net, xe);
                    runOrt(session, ox);
                }
                long[] e = new long[reps], o = new long[reps], ec = new long[reps], oc = new long[reps];
                for (int r = 0; r < reps; r++) {
                    settle();
                    long c0 = cpu(), t0 = System.nanoTime();
                    runEngine(engine, graph, net, xe);
                    e[r] = System.nanoTime() - t0;
                    ec[r] = cpu() - c0;
                    settle();
                    long c1 = cpu(), t1 = System.nanoTime();
                    runOrt(session, ox);
                    o[r] = System.nanoTime() - t1;
                    oc[r] = cpu() - c1;
                }
                double em = median(e) / 1e6, om = median(o) / 1e6;
                double cpuRatio = median(ec) / median(oc);
                String scalarMs = "", ratio = "";
                if (withScalar) {
                    Executor plain = new Executor(Kernels.scalar());
                    runEngine(plain, graph, net, xe);
                    long[] s = new long[Math.max(3, reps / 3)];
                    for (int r = 0; r < s.length; r++) {
                        long t0 = System.nanoTime();
                        runEngine(plain, graph, net, xe);
                        s[r] = System.nanoTime() - t0;
                    }
                    double sm = median(s) / 1e6;
                    scalarMs = String.format(Locale.ROOT, "%.1f", sm);
                    ratio = String.format(Locale.ROOT, "%.1fx", sm / em);
                }
                double gflop = 2.0 * net.macs() / 1e9;
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.0f | %.0f%% | %.0f%% | %.1f | %.0f%% | %.2f | %.2f | %s | %s | %.1e |%n",
                        net.name, gflop, em, gflop / (em / 1e3), 100 * gflop / (em / 1e3) / PEAK_GFLOPS,
                        100 * gflop / (em / 1e3) / measuredPeak, om, 100 * gflop / (om / 1e3) / measuredPeak, em / om, cpuRatio,
                        scalarMs, ratio, diff);
                printBreakdown(engine, graph, xe);
                if (ortProfile) {
                    printOrtBreakdown(env, net, ox);
                }
            }
        }
    }

    /** The engine's output as it hands it on (channels last, what the app reads); converted only to compare. */
    private static Tensor runEngine(Executor ex, Graph graph, BenchNet net, Tensor x) {
        return ex.run(graph, Map.of("x", x)).get(net.output());
    }

    private static float[] runOrt(OrtSession session, OnnxTensor x) throws OrtException {
        try (OrtSession.Result r = session.run(Map.of("x", x))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    /** Per node, for the engine: where the time goes, medians of 5 runs (to stderr, so the table stays clean). */
    private static void printBreakdown(Executor ex, Graph graph, Tensor x) {
        List<Trace> traces = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            traces.add(ex.run(graph, Map.of("x", x)));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < traces.get(0).runs().size(); i++) {
            long[] ns = new long[traces.size()];
            for (int r = 0; r < ns.length; r++) {
                ns[r] = traces.get(r).runs().get(i).nanos();
            }
            parts.add(String.format(Locale.ROOT, "%s %.1fms", traces.get(0).runs().get(i).node(), median(ns) / 1e6));
        }
        System.err.println("    " + String.join(", ", parts));
    }

    /** ONNX Runtime's per-node kernel times from its profiler (medians of 5 runs), to stderr. */
    private static void printOrtBreakdown(OrtEnvironment env, BenchNet net, OnnxTensor ox) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.enableProfiling(System.getProperty("java.io.tmpdir") + "/decoderlens-ort-profile");
            String file;
            try (OrtSession session = env.createSession(net.onnxModel(), options)) {
                for (int r = 0; r < 8; r++) {
                    runOrt(session, ox);
                }
                file = session.endProfiling();
            }
            var events = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(java.nio.file.Path.of(file)))
                    .getAsJsonArray();
            Map<String, List<Long>> byNode = new java.util.LinkedHashMap<>();
            for (var ev : events) {
                var o = ev.getAsJsonObject();
                String name = o.get("name").getAsString();
                if ("Node".equals(o.get("cat").getAsString()) && name.endsWith("_kernel_time")) {
                    String op = o.getAsJsonObject("args").get("op_name").getAsString();
                    byNode.computeIfAbsent(name.replace("_kernel_time", "") + " (" + op + ")", k -> new ArrayList<>())
                            .add(o.get("dur").getAsLong());
                }
            }
            List<String> parts = new ArrayList<>();
            byNode.forEach((node, durs) -> {
                long[] last = durs.subList(Math.max(0, durs.size() - 5), durs.size()).stream().mapToLong(Long::longValue).toArray();
                parts.add(String.format(Locale.ROOT, "%s %.1fms", node, median(last) / 1e3));
            });
            System.err.println("    ORT: " + String.join(", ", parts));
            java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            System.err.println("    ORT profile unreadable: " + e.getMessage());
        }
    }

    /**
     * A pause between timed runs. ONNX Runtime's pool threads spin for a while after each run before they sleep;
     * without the pause they would still hold a core when the engine starts, and the engine's time would include
     * that (measured: 15 ms more on the 3x3 layer without a pause; network A at 256 took 69 ms after a 3 ms pause,
     * 61 ms after 20 ms, 55 ms after 60 ms, ONNX Runtime 55 ms each time). Neither engine is timed during it.
     */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time of the whole process (all engine and ONNX Runtime threads): less sensitive to other load. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.NaN;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static long[] toLong(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            l[i] = s[i];
        }
        return l;
    }
}
