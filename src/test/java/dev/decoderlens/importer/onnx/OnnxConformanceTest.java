package dev.decoderlens.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.importer.ImportedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the ONNX project's own test data (../shared/onnx-conformance, see its README) through the importer and the
 * engine: pytorch-converted and pytorch-operator (model.onnx + test_data_set_0) and the nine light/ CNNs (input
 * arange(n)/n). Prints passed / skipped (with reason) / failed; fails only for real failures. A model is skipped
 * only when it needs an operator outside issue 4's list.
 */
class OnnxConformanceTest {
    /** Operators issue 4 requires; a model using one of these may not be skipped. */
    static final Set<String> REQUIRED = Set.of("Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool",
            "Resize", "Upsample", "DepthToSpace", "BatchNormalization", "InstanceNormalization", "Relu", "LeakyRelu",
            "PRelu", "Elu", "Selu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Clip", "Add", "Sub", "Mul", "Div",
            "Concat", "Gemm", "MatMul", "Flatten", "Reshape", "Transpose", "Pad", "Dropout", "Identity", "Constant",
            "ConstantOfShape", "Shape", "Gather", "Unsqueeze", "Squeeze", "Slice", "Cast");

    /** ../shared beside the project; -Ddecoderlens.shared=DIR points elsewhere (e.g. from a git worktree). */
    static final Path SHARED = Path.of(System.getProperty("decoderlens.shared",
            Path.of(System.getProperty("user.dir")).resolve("../shared").toString()));
    private static final Path ROOT = SHARED.resolve("onnx-conformance");

    private record Case(String name, Path model, List<Path> inputs, List<Path> outputs, double rtol) {
        boolean light() {
            return inputs == null;
        }
    }

    @Test
    void everyConformanceModelMatchesItsExpectedOutputs() throws IOException {
        assumeTrue(Files.isDirectory(ROOT), "../shared/onnx-conformance is absent");
        List<Case> cases = cases();
        List<String> passed = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Case c : cases) {
            try {
                String problem = run(c);
                if (problem == null) {
                    passed.add(c.name());
                } else {
                    failed.put(c.name(), problem);
                }
            } catch (UnsupportedOperatorException e) {
                boolean allowed = !c.light() && e.operators().stream().noneMatch(REQUIRED::contains);
                (allowed ? skipped : failed).put(c.name(), e.getMessage());
            } catch (Exception | AssertionError e) {
                failed.put(c.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        System.out.printf("ONNX conformance: %d passed, %d skipped, %d failed (of %d)%n", passed.size(), skipped.size(),
                failed.size(), cases.size());
        skipped.forEach((k, v) -> System.out.println("  skipped " + k + ": " + v));
        failed.forEach((k, v) -> System.out.println("  FAILED  " + k + ": " + v));
        assertTrue(failed.isEmpty(), failed.size() + " conformance models failed: " + failed);
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String suite : List.of("pytorch-converted", "pytorch-operator")) {
            Path dir = ROOT.resolve(suite);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> tests = Files.list(dir)) {
                for (Path t : tests.sorted().toList()) {
                    Path data = t.resolve("test_data_set_0");
                    cases.add(new Case(suite + "/" + t.getFileName(), t.resolve("model.onnx"), numbered(data, "input_"),
                            numbered(data, "output_"), 1e-3));
                }
            }
        }
        Path light = ROOT.resolve("light");
        if (Files.isDirectory(light)) {
            try (Stream<Path> files = Files.list(light)) {
                for (Path m : files.filter(p -> p.toString().endsWith(".onnx")).sorted().toList()) {
                    String base = m.getFileName().toString().replace(".onnx", "");
                    double rtol = base.contains("densenet") ? 2e-3 : 1e-3;
                    cases.add(new Case("light/" + base, m, null, List.of(light.resolve(base + "_output_0.pb")), rtol));
                }
            }
        }
        return cases;
    }

    private static List<Path> numbered(Path dir, String prefix) {
        List<Path> files = new ArrayList<>();
        for (int k = 0; Files.exists(dir.resolve(prefix + k + ".pb")); k++) {
            files.add(dir.resolve(prefix + k + ".pb"));
        }
        return files;
    }

    /** Null when every output matches, else what differs. */
    private static String run(Case c) throws Exception {
        ImportedModel m = new OnnxImporter().open(c.model());
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (int i = 0; i < m.inputs().size(); i++) {
            ImportedModel.InputSpec spec = m.inputs().get(i);
            feeds.put(spec.name(), c.light() ? ramp(spec.shape()) : OnnxTensors.readTensorFile(c.inputs().get(i)));
        }
        Trace trace = new Executor().run(m.graph(), feeds);
        for (int i = 0; i < c.outputs().size(); i++) {
            Tensor expected = OnnxTensors.readTensorFile(c.outputs().get(i));
            Tensor actual = trace.get(m.graph().outputs().get(i));
            String diff = Tolerance.compare(actual, expected, 1e-7, c.rtol());
            if (diff != null) {
                return "output " + i + ": " + diff;
            }
        }
        return null;
    }

    /** The light models' input: arange(n).reshape(S) / n, a free dimension counting as 1. */
    private static Tensor ramp(int[] declared) {
        int[] s = declared.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(s[i], 1);
        }
        int n = Math.toIntExact(Shapes.size(s));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((double) i / n);
        }
        return Tensor.of(s, v);
    }
}
