package dev.decoderlens.cli;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Taps;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import dev.decoderlens.io.Npy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code decoderlens infer}: runs a model on .npy inputs and writes its outputs (or every layer's) as .npy. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Run a model on .npy inputs and write DIR/<output>.npy for each graph output.",
                "Arrays are float32, C order, in the model's own layout (NCHW for ONNX, NHWC for Keras)."})
final class InferCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model file (.onnx, Keras .h5/.keras).")
    Path model;

    @Option(names = "--input", paramLabel = "[NAME=]X.npy",
            description = "An input array; repeat for several inputs (in order, or NAME=X.npy by name).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the output arrays (created).")
    Path out;

    @Option(names = "--all", description = "Also write every intermediate node output.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        ImportedModel m = ModelImporters.open(model);
        Map<String, Tensor> feeds = ModelInputs.fromFiles(m, inputs);
        Trace trace = ModelInputs.run(new Executor(), m, feeds, all ? Taps.ALL : Taps.OUTPUTS);
        Set<String> names = new LinkedHashSet<>();
        if (all) {
            trace.runs().forEach(r -> r.outputs().stream().filter(s -> !s.isEmpty()).forEach(names::add));
        }
        names.addAll(m.graph().outputs());
        write(m, trace, names);
        return 0;
    }

    private void write(ImportedModel m, Trace trace, Set<String> names) throws IOException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException("cannot create the output folder " + out + " (" + e.getMessage() + ")");
        }
        PrintWriter w = spec.commandLine().getOut();
        OutputNames files = new OutputNames();
        for (String name : names) {
            Tensor t = ModelInputs.toModelLayout(trace.get(name), m.ioLayout());
            String file = files.fileFor(name);
            Npy.write(t, out.resolve(file));
            boolean output = m.graph().outputs().contains(name);
            w.println((output ? "output " : "layer  ") + name + " " + Shapes.toString(t.shape()) + " -> " + out.resolve(file));
        }
        w.flush();
    }
}
