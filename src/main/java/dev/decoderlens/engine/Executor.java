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
 *
 * <p>A convolution reading an exact nearest upsampling ({@link NearestUpsampling}, {@link UpsampledInputOp}) is
 * given the image before upsampling; the upsampling itself then runs only when its result is kept or read by
 * something else (its run is recorded with zero time otherwise). {@code -Ddecoderlens.fuseUpsampling=false} turns
 * this off.
 */
public final class Executor {
    private static final boolean FUSE_UPSAMPLING = Boolean.parseBoolean(
            System.getProperty("decoderlens.fuseUpsampling", "true"));

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
        return run(graph, inputs, taps, cancel, progress, kernels);
    }

    /** The same, with another kernel set for this run (see {@link Kernels#forColdJit}). */
    public Trace run(Graph graph, Map<String, Tensor> inputs, Taps taps, CancellationToken cancel, ProgressListener progress,
                     Kernels kernels) {
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
        Map<Node, Upsampled> upsampled = new HashMap<>();
        Map<String, List<Node>> consumers = FUSE_UPSAMPLING ? consumers(graph) : Map.of();
        int done = 0;
        for (Node node : graph.nodes()) {
            cancel.check();
            // this node may itself have been handed a smaller image than its first input (see handOnSmallInput)
            Upsampled small = upsampled.get(node);
            List<String> reads = small == null ? node.inputs() : small.reads(node);
            Upsampled handed = FUSE_UPSAMPLING && node.op() instanceof NearestUpsampling up
                    ? handOnSmallInput(node, up, live, consumers, remainingUses, upsampled) : null;
            if (handed != null) {
                String out = node.outputs().get(0);
                if (remainingUses.getOrDefault(out, 0) == 0) {
                    // nobody computes with the enlarged image any more: skip it, or leave it to be made when read
                    if (taps.keeps(out) || graph.outputs().contains(out)) {
                        kept.put(out, enlargedWhenRead(node, small, handed, live, kernels, buffers));
                    }
                    release(reads, remainingUses, live, kept, graph, ctx);
                    Trace.NodeRun run = new Trace.NodeRun(node.name(), node.op().type(), node.outputs(), 0, 0);
                    runs.add(run);
                    progress.nodeDone(++done, graph.nodes().size(), run);
                    continue;
                }
            }
            Tensor[] args = new Tensor[node.inputs().size()];
            int[][] argShapes = new int[args.length][];
            for (int i = 0; i < args.length; i++) {
                String in = reads.get(i);
                args[i] = in.isEmpty() ? null : live.get(in);
                argShapes[i] = args[i] == null ? null : args[i].shape();
            }
            if (small != null) {
                argShapes[0] = small.upsampledShape(argShapes[0]);
            }
            long t0 = System.nanoTime();
            Tensor[] results;
            try {
                results = small == null ? node.op().apply(args, ctx)
                        : ((UpsampledInputOp) node.op()).applyUpsampled(args, small.fH(), small.fW(), ctx);
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
            release(reads, remainingUses, live, kept, graph, ctx);
            Trace.NodeRun run = new Trace.NodeRun(node.name(), node.op().type(), node.outputs(), nanos, macs(node, argShapes));
            runs.add(run);
            progress.nodeDone(++done, graph.nodes().size(), run);
        }
        for (String out : graph.outputs()) {
            kept.putIfAbsent(out, live.get(out));
        }
        return new Trace(kept, runs);
    }

    /** The node has read these tensors: those nobody will read again are dropped, their storage recycled. */
    private static void release(List<String> inputs, Map<String, Integer> remainingUses, Map<String, Tensor> live,
                                Map<String, Tensor> kept, Graph graph, ExecContext ctx) {
        for (String in : inputs) {
            if (!in.isEmpty() && remainingUses.merge(in, -1, Integer::sum) == 0 && !graph.outputs().contains(in)) {
                Tensor dead = live.remove(in);
                if (dead != null && dead.materialized() && !referenced(dead.data(), live, kept)) {
                    ctx.recycle(dead.data());
                }
            }
        }
    }

    /** A node that reads, as its first input, tensor {@code source} before a nearest upsampling by (fH, fW). */
    private record Upsampled(String source, int fH, int fW) {
        List<String> reads(Node node) {
            List<String> r = new ArrayList<>(node.inputs());
            r.set(0, source);
            return r;
        }

        int[] upsampledShape(int[] small) {
            return small == null ? null : new int[] {small[0], small[1], small[2] * fH, small[3] * fW};
        }
    }

    /**
     * Before running an upsampling: the convolutions that read its result and can take the smaller input are told
     * to read that instead (they become readers of it, and stop being readers of the result). True when any did.
     */
    private static Upsampled handOnSmallInput(Node node, NearestUpsampling up, Map<String, Tensor> live,
                                              Map<String, List<Node>> consumers, Map<String, Integer> remainingUses,
                                              Map<Node, Upsampled> upsampled) {
        if (node.inputs().isEmpty() || node.outputs().size() != 1 || node.outputs().get(0).isEmpty()) {
            return null;
        }
        // an upsampling that itself reads a smaller image passes that image on, with the factors multiplied
        Upsampled own = upsampled.get(node);
        String source = own == null ? node.inputs().get(0) : own.source(), out = node.outputs().get(0);
        Tensor x = source.isEmpty() ? null : live.get(source);
        int[] f = x == null ? null : up.wholeFactors(own == null ? x.shape() : own.upsampledShape(x.shape()));
        if (f == null) {
            return null;
        }
        Upsampled handed = new Upsampled(source, f[0] * (own == null ? 1 : own.fH()), f[1] * (own == null ? 1 : own.fW()));
        boolean any = false;
        for (Node c : consumers.getOrDefault(out, List.of())) {
            if (c.op() instanceof UpsampledInputOp u && c.inputs().indexOf(out) == 0
                    && c.inputs().lastIndexOf(out) == 0 && u.acceptsUpsampled(handed.fH(), handed.fW())) {
                upsampled.put(c, handed);
                remainingUses.merge(source, 1, Integer::sum);
                remainingUses.merge(out, -1, Integer::sum);
                any = true;
            }
        }
        return any ? handed : null;
    }

    private static Map<String, List<Node>> consumers(Graph graph) {
        Map<String, List<Node>> byTensor = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : new java.util.LinkedHashSet<>(n.inputs())) {
                if (!in.isEmpty()) {
                    byTensor.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        return byTensor;
    }

    /**
     * Whether a tensor still in use (live, or kept for the trace) shares this storage, as reshapes do, or will read
     * it to make its values (a derived tensor).
     */
    private static boolean referenced(float[] data, Map<String, Tensor> live, Map<String, Tensor> kept) {
        for (Tensor t : live.values()) {
            if (t != null && t.holds(data)) {
                return true;
            }
        }
        for (Tensor t : kept.values()) {
            if (t != null && t.holds(data)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The output of an upsampling that nobody computes with, kept for the trace: derived from the image its
     * consumers were handed (its input, or the smaller image that input was made from, when {@code own} says so),
     * enlarged when first read, on a context of its own (the run may be over, or cancelled, by then).
     */
    private static Tensor enlargedWhenRead(Node node, Upsampled own, Upsampled handed, Map<String, Tensor> live,
                                           Kernels kernels, BufferPool buffers) {
        Tensor source = live.get(handed.source());
        return Tensor.enlarged(source, handed.fH(), handed.fW(), x -> {
            ExecContext later = new ExecContext(kernels, CancellationToken.NONE, buffers);
            Tensor[] in = {x};
            Tensor y = own == null ? node.op().apply(in, later)[0]
                    : ((UpsampledInputOp) node.op()).applyUpsampled(in, own.fH(), own.fW(), later)[0];
            return y.toNhwc().data();
        });
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
