package dev.decoderlens.cli;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Taps;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code decoderlens bench}: runs a model repeatedly in one process and prints the median time per operator type
 * and, as the last line, {@code median_ms=<median wall time of one run>}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time a model: median per operator type, and median_ms=<ms> as the last line."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file.")
    Path model;

    @Option(names = "--input", paramLabel = "[NAME=]X.npy", description = "Input array(s), as for infer.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--shape", paramLabel = "[NAME=]1,3,512,512",
            description = "Synthetic input of this shape (values arange(n)/n), in the model's layout.")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0) {
            throw new CliException("--runs must be at least 1 and --warmup at least 0");
        }
        if (!inputs.isEmpty() && !shapes.isEmpty()) {
            throw new CliException("give either --input or --shape, not both");
        }
        ImportedModel m = ModelImporters.open(model);
        Map<String, Tensor> feeds = !inputs.isEmpty() ? ModelInputs.fromFiles(m, inputs)
                : !shapes.isEmpty() ? ModelInputs.fromShapes(m, shapes) : ModelInputs.fromDeclaredShapes(m);
        PrintWriter out = spec.commandLine().getOut();
        Executor executor = new Executor();
        StringBuilder what = new StringBuilder();
        feeds.forEach((k, v) -> what.append(what.isEmpty() ? "" : ", ").append(k).append(' ')
                .append(Shapes.toString(ModelInputs.toModelLayout(v.shape(), m.ioLayout()))));
        out.printf(Locale.ROOT, "model %s (%s, %d nodes), input %s, kernels %s%n", model, m.format(),
                m.graph().nodes().size(), what, executor.kernels().name());
        out.flush();
        for (int i = 0; i < warmup; i++) {
            ModelInputs.run(executor, m, feeds, Taps.OUTPUTS);
        }
        double[] wall = new double[runs];
        Map<String, double[]> perType = new LinkedHashMap<>();
        Map<String, Long> macsPerType = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Trace trace = ModelInputs.run(executor, m, feeds, Taps.OUTPUTS);
            wall[r] = (System.nanoTime() - t0) / 1e6;
            final int run = r;
            trace.nanosByType().forEach((type, ns) -> perType.computeIfAbsent(type, k -> new double[runs])[run] = ns / 1e6);
            if (r == 0) {
                trace.runs().forEach(n -> macsPerType.merge(n.opType(), n.macs(), Long::sum));
            }
        }
        double total = median(wall);
        out.printf(Locale.ROOT, "%-22s %10s %7s %9s%n", "operator", "median ms", "share", "GFLOP/s");
        perType.entrySet().stream()
                .sorted((a, b) -> Double.compare(median(b.getValue()), median(a.getValue())))
                .forEach(e -> {
                    double ms = median(e.getValue());
                    long macs = macsPerType.getOrDefault(e.getKey(), 0L);
                    String gflops = macs > 0 && ms > 0 ? String.format(Locale.ROOT, "%9.1f", 2.0 * macs / (ms * 1e6)) : "";
                    out.printf(Locale.ROOT, "%-22s %10.3f %6.1f%% %s%n", e.getKey(), ms, 100 * ms / total, gflops);
                });
        out.printf(Locale.ROOT, "runs (ms): %s%n", Arrays.toString(Arrays.stream(wall)
                .map(v -> Math.round(v * 1000) / 1000.0).toArray()));
        out.printf(Locale.ROOT, "median_ms=%.3f%n", total);
        out.flush();
        return 0;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
