package dev.decoderlens.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A computation: named inputs, constant tensors (weights), nodes and named outputs. The constructor checks that
 * every tensor a node reads is produced somewhere, that no tensor is produced twice, and orders the nodes
 * topologically; a cycle is refused with the names of the nodes on it.
 */
public final class Graph {
    private final String name;
    private final List<String> inputs;
    private final Map<String, Tensor> constants;
    private final List<Node> nodes;
    private final List<String> outputs;

    public Graph(String name, List<String> inputs, Map<String, Tensor> constants, List<Node> nodes, List<String> outputs) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        this.outputs = List.copyOf(outputs);
        this.nodes = List.copyOf(sortTopologically(nodes));
    }

    public String name() {
        return name;
    }

    /** Names of the tensors the caller must supply, in order. */
    public List<String> inputs() {
        return inputs;
    }

    public Map<String, Tensor> constants() {
        return constants;
    }

    /** Nodes in an order in which each one's inputs are ready. */
    public List<Node> nodes() {
        return nodes;
    }

    public List<String> outputs() {
        return outputs;
    }

    private List<Node> sortTopologically(List<Node> unordered) {
        Map<String, Node> producer = new HashMap<>();
        for (Node n : unordered) {
            for (String out : n.outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (producer.put(out, n) != null || inputs.contains(out) || constants.containsKey(out)) {
                    throw new GraphException("tensor '" + out + "' is produced twice (node '" + n.name() + "')");
                }
            }
        }
        Set<String> available = new HashSet<>(inputs);
        available.addAll(constants.keySet());
        for (Node n : unordered) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !available.contains(in) && !producer.containsKey(in)) {
                    throw new GraphException("node '" + n.name() + "' (" + n.op().type() + ") reads tensor '" + in
                            + "', which no node, input or initializer provides");
                }
            }
        }
        for (String out : outputs) {
            if (!available.contains(out) && !producer.containsKey(out)) {
                throw new GraphException("graph output '" + out + "' is not produced by any node");
            }
        }
        // Depth-first post-order over producers, so nodes keep their given order where it is already valid.
        List<Node> ordered = new ArrayList<>(unordered.size());
        Map<Node, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
        for (Node root : unordered) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<Node> stack = new ArrayDeque<>();
            Deque<Integer> nextInput = new ArrayDeque<>();
            stack.push(root);
            nextInput.push(0);
            state.put(root, 1);
            while (!stack.isEmpty()) {
                Node top = stack.peek();
                int i = nextInput.pop();
                if (i < top.inputs().size()) {
                    nextInput.push(i + 1);
                    Node dep = producer.get(top.inputs().get(i));
                    if (dep == null) {
                        continue;
                    }
                    Integer s = state.get(dep);
                    if (s == null) {
                        state.put(dep, 1);
                        stack.push(dep);
                        nextInput.push(0);
                    } else if (s == 1) {
                        throw new GraphException("the graph has a cycle through node '" + dep.name() + "' and node '" + top.name() + "'");
                    }
                } else {
                    stack.pop();
                    state.put(top, 2);
                    ordered.add(top);
                }
            }
        }
        return ordered;
    }
}
