package dev.decoderlens.cli;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.GraphException;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Taps;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ImportedModel.InputSpec;
import dev.decoderlens.importer.ImportedModel.IoLayout;
import dev.decoderlens.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds the user's arrays to a model's inputs: {@code X.npy} binds the next unbound input in order,
 * {@code NAME=X.npy} binds by name. Arrays are in the model's own layout (NHWC for channels-last Keras models) and
 * become engine tensors here; shapes are checked against what the model declares.
 */
final class ModelInputs {
    private ModelInputs() {
    }

    /** Binds {@code .npy} files given as {@code [NAME=]FILE}. */
    static Map<String, Tensor> fromFiles(ImportedModel model, List<String> args) {
        return bind(model, args, f -> fromModelLayout(readNpy(f), model.ioLayout()));
    }

    /**
     * Binds synthetic inputs given as {@code [NAME=]1,3,512,512}: values arange(n)/n, the deterministic input the
     * ONNX conformance data uses.
     */
    static Map<String, Tensor> fromShapes(ImportedModel model, List<String> args) {
        return bind(model, args, s -> ramp(parseShape(s), model.ioLayout()));
    }

    /** Inputs for a model whose declared input shapes are all fixed. */
    static Map<String, Tensor> fromDeclaredShapes(ImportedModel model) {
        List<String> args = new ArrayList<>();
        for (InputSpec in : model.inputs()) {
            int[] s = in.shape();
            if (s.length == 0) {
                throw new CliException("input '" + in.name() + "' declares no shape; give --shape or --input");
            }
            for (int d : s) {
                if (d < 0) {
                    throw new CliException("input '" + in.name() + "' has free dimensions " + Shapes.toString(s)
                            + "; give --shape or --input");
                }
            }
            args.add(in.name() + "=" + Shapes.compact(s).replace('x', ','));
        }
        return fromShapes(model, args);
    }

    private static Map<String, Tensor> bind(ImportedModel model, List<String> args, Function<String, Tensor> load) {
        Map<String, InputSpec> specs = new LinkedHashMap<>();
        model.inputs().forEach(s -> specs.put(s.name(), s));
        Map<String, Tensor> bound = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0 && specs.containsKey(a.substring(0, eq))) {
                String name = a.substring(0, eq);
                if (bound.put(name, load.apply(a.substring(eq + 1))) != null) {
                    throw new CliException("input '" + name + "' is given twice");
                }
            } else {
                positional.add(a);
            }
        }
        for (String a : positional) {
            InputSpec next = specs.values().stream().filter(s -> !bound.containsKey(s.name())).findFirst()
                    .orElseThrow(() -> new CliException("too many inputs: the model takes " + specs.size() + " ("
                            + String.join(", ", specs.keySet()) + "), '" + a + "' is one more"));
            bound.put(next.name(), load.apply(a));
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (InputSpec s : specs.values()) {
            Tensor t = bound.get(s.name());
            if (t == null) {
                throw new CliException("the model needs input '" + s.name() + "' " + describe(s, model.ioLayout())
                        + "; give it with --input " + s.name() + "=FILE.npy");
            }
            check(s, t, model.ioLayout());
            ordered.put(s.name(), t);
        }
        return ordered;
    }

    /**
     * Rank and every fixed dimension must match, as ONNX Runtime demands: an exporter that fixed a size has usually
     * baked it into reshapes and resize sizes too, so another size would fail later with a less clear message.
     */
    static void check(InputSpec spec, Tensor t, IoLayout layout) {
        int[] want = spec.shape();
        int[] got = t.shape();
        if (want.length == 0) {
            return; // the model does not declare a shape
        }
        boolean ok = want.length == got.length;
        for (int i = 0; ok && i < want.length; i++) {
            ok = want[i] < 0 || want[i] == got[i];
        }
        if (!ok) {
            throw new CliException("input '" + spec.name() + "' expects shape " + describe(spec, layout) + ", got "
                    + Shapes.toString(toModelLayout(got, layout)) + " (the model fixes these sizes)");
        }
    }

    private static String describe(InputSpec s, IoLayout layout) {
        String shape = Shapes.toString(toModelLayout(s.shape(), layout)).replace("-1", "?");
        return shape + (s.shape().length == 4 ? (layout == IoLayout.NHWC ? " NHWC" : " NCHW") : "");
    }

    /** A logical (N, C, H, W) shape as the model's framework writes it. */
    static int[] toModelLayout(int[] nchw, IoLayout layout) {
        if (layout == IoLayout.NHWC && nchw.length == 4) {
            return new int[] {nchw[0], nchw[2], nchw[3], nchw[1]};
        }
        return nchw;
    }

    private static Tensor readNpy(String file) {
        try {
            return Npy.read(Path.of(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Runs the model once; a failure inside a node is reported with the model file in front. */
    static Trace run(Executor executor, ImportedModel model, Map<String, Tensor> feeds, Taps taps) {
        try {
            return executor.run(model.graph(), feeds, taps, CancellationToken.NONE);
        } catch (GraphException e) {
            throw new GraphException(model.source() + ": " + e.getMessage(), e);
        }
    }

    /** Converts an array read in the model's layout into an engine tensor (logical NCHW). */
    static Tensor fromModelLayout(Tensor array, IoLayout layout) {
        if (layout == IoLayout.NHWC && array.rank() == 4) {
            int[] s = array.shape(); // (N, H, W, C): its row-major storage is exactly the engine's NHWC storage
            return Tensor.nhwc(s[0], s[3], s[1], s[2], array.toRowMajor().data());
        }
        return array;
    }

    /** Converts an engine tensor into the array the model's framework would produce. */
    static Tensor toModelLayout(Tensor t, IoLayout layout) {
        if (layout == IoLayout.NHWC && t.rank() == 4) {
            Tensor n = t.toNhwc();
            return Tensor.of(toModelLayout(t.shape(), layout), n.data());
        }
        return t.toRowMajor();
    }

    static int[] parseShape(String s) {
        String[] parts = s.split("[,x]");
        int[] shape = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                shape[i] = Integer.parseInt(parts[i].trim());
                if (shape[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new CliException("'" + s + "' is not a shape like 1,3,512,512");
        }
        return shape;
    }

    private static Tensor ramp(int[] modelShape, IoLayout layout) {
        int n = Math.toIntExact(Shapes.size(modelShape));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((double) i / n);
        }
        return fromModelLayout(Tensor.of(modelShape, v), layout);
    }
}
