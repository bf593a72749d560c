package dev.decoderlens.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a graph produced: the requested tensors by name in the order they were computed, and the time
 * each node took.
 */
public final class Trace {
    /** One node's run: its name, operator type, output names, wall time and multiply-accumulates. */
    public record NodeRun(String node, String opType, List<String> outputs, long nanos, long macs) {
    }

    private final Map<String, Tensor> tensors;
    private final List<NodeRun> runs;

    public Trace(Map<String, Tensor> tensors, List<NodeRun> runs) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.runs = List.copyOf(runs);
    }

    /** The kept tensors by name, in topological order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the trace has no tensor '" + name + "'");
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** Every node that ran, in order. */
    public List<NodeRun> runs() {
        return runs;
    }

    public long totalNanos() {
        long t = 0;
        for (NodeRun r : runs) {
            t += r.nanos();
        }
        return t;
    }

    /** Nanoseconds per operator type, in the order types first ran. */
    public Map<String, Long> nanosByType() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (NodeRun r : runs) {
            m.merge(r.opType(), r.nanos(), Long::sum);
        }
        return m;
    }
}
