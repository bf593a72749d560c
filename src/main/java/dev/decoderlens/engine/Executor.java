package dev.decoderlens.engine;

import dev.decoderlens.engine.kernel.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph node by node. Tensors nobody asked for are dropped as soon as their last consumer has run, so a
 * trace of outputs only stays small; with {@link Taps#ALL} every node output is kept for the grids.
 */
public final class Executor {
    private final Kernels kernels;
    private final BufferPool buffers;

    public Executor() {
        this(Kernels.get());
    }

    public Executor(Kernels kernels) {
        this(kernels, new BufferPool());
    }

    /** @param buffers where dropped activations wait for the next run (see {@link BufferPool}) */
    public Executor(Kernels kernels, BufferPool buffers) {
        this.kernels = kernels;
        this.buffers = buffers;
    }

    public BufferPool buffers() {
        return buffers;
    }

    public Kernels kernels() {
        return kernels;
    }

    public Trace run(Graph graph, Map<String, Tensor> inputs) {
        return run(graph, inputs, Taps.OUTPUTS, CancellationToken.NONE, ProgressListener.NONE);
    }

    public Trace run(Graph graph, Map<String, Tensor> inputs, Taps taps, CancellationToken cancel) {
        return run(graph, inputs, taps, cancel, ProgressListener.NONE);
    }

    public Trace run(Graph graph, Map<String, Tensor> inputs, Taps taps, CancellationToken cancel, ProgressListener progress) {
        Map<String, Tensor> live = new HashMap<>(graph.constants());
        for (String name : graph.inputs()) {
            Tensor t = inputs.get(name);
            if (t == null) {
                throw new GraphException("input '" + name + "' of graph '" + graph.name() + "' was not given");
            }
            live.put(name, t);
        }
        Map<String, Integer> remainingUses = countUses(graph);
        Map<String, Tensor> kept = new LinkedHashMap<>();
        for (String name : graph.inputs()) {
            if (taps.keeps(name)) {
                kept.put(name, live.get(name));
            }
        }
        ExecContext ctx = new ExecContext(kernels, cancel, buffers);
        List<Trace.NodeRun> runs = new ArrayList<>(graph.nodes().size());
        int done = 0;
        for (Node node : graph.nodes()) {
            cancel.check();
            Tensor[] args = new Tensor[node.inputs().size()];
            int[][] argShapes = new int[args.length][];
            for (int i = 0; i < args.length; i++) {
                String in = node.inputs().get(i);
                args[i] = in.isEmpty() ? null : live.get(in);
                argShapes[i] = args[i] == null ? null : args[i].shape();
            }
            long t0 = System.nanoTime();
            Tensor[] results;
            try {
                results = node.op().apply(args, ctx);
            } catch (GraphException | java.util.concurrent.CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new GraphException("node '" + node.name() + "' (" + node.op().type() + ") failed on inputs "
                        + describe(argShapes) + ": " + e.getMessage(), e);
            }
            long nanos = System.nanoTime() - t0;
            if (results.length < node.outputs().size()) {
                throw new GraphException("node '" + node.name() + "' (" + node.op().type() + ") returned "
                        + results.length + " outputs, the graph expects " + node.outputs().size());
            }
            for (int i = 0; i < node.outputs().size(); i++) {
                String out = node.outputs().get(i);
                if (out.isEmpty()) {
                    continue;
                }
                live.put(out, results[i]);
                if (taps.keeps(out) || graph.outputs().contains(out)) {
                    kept.put(out, results[i]);
                }
            }
            for (String in : node.inputs()) {
                if (!in.isEmpty() && remainingUses.merge(in, -1, Integer::sum) == 0 && !graph.outputs().contains(in)) {
                    Tensor dead = live.remove(in);
                    if (dead != null && !referenced(dead.data(), live, kept)) {
                        ctx.recycle(dead.data());
                    }
                }
            }
            Trace.NodeRun run = new Trace.NodeRun(node.name(), node.op().type(), node.outputs(), nanos, macs(node, argShapes));
            runs.add(run);
            progress.nodeDone(++done, graph.nodes().size(), run);
        }
        for (String out : graph.outputs()) {
            kept.putIfAbsent(out, live.get(out));
        }
        return new Trace(kept, runs);
    }

    /** Whether a tensor still in use (live, or kept for the trace) shares this storage, as reshapes do. */
    private static boolean referenced(float[] data, Map<String, Tensor> live, Map<String, Tensor> kept) {
        for (Tensor t : live.values()) {
            if (t != null && t.data() == data) {
                return true;
            }
        }
        for (Tensor t : kept.values()) {
            if (t != null && t.data() == data) {
                return true;
            }
        }
        return false;
    }

    private static long macs(Node node, int[][] shapes) {
        try {
            return node.op().macs(shapes);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, Integer> countUses(Graph graph) {
        Map<String, Integer> uses = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
        }
        return uses;
    }

    private static String describe(int[][] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int[] s : shapes) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(s == null ? "none" : Shapes.toString(s));
        }
        return sb.length() == 0 ? "()" : sb.toString();
    }

    @Override
    public String toString() {
        return "Executor[" + kernels.name() + "]";
    }
}
