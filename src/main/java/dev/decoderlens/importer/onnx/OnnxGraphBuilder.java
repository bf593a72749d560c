package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Graph;
import dev.decoderlens.engine.GraphException;
import dev.decoderlens.engine.Node;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.onnx.OnnxProto.DataType;
import dev.decoderlens.importer.onnx.OnnxProto.Model;
import dev.decoderlens.importer.onnx.OnnxProto.TensorValue;
import dev.decoderlens.importer.onnx.OnnxProto.ValueInfo;
import dev.decoderlens.importer.onnx.ops.Identity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed ONNX model into an engine {@link Graph}: nodes in topological order, each mapped through
 * {@link OpTable}; Identity and inference Dropout removed by renaming; every node whose inputs are all constant run
 * once here (constant folding), which turns ConstantOfShape weights into constants and resolves shape plumbing.
 */
final class OnnxGraphBuilder {
    private final Path file;
    private final Model model;
    private final int opset;
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private final Map<String, Integer> types = new HashMap<>();
    private final Map<String, String> alias = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> graphOutputs = new LinkedHashSet<>();

    OnnxGraphBuilder(Path file, Model model) {
        this.file = file;
        this.model = model;
        this.opset = model.defaultOpset();
    }

    ImportedModel build() throws ImportException {
        OnnxProto.Graph g = model.graph();
        checkOperators(g.nodes());
        for (TensorValue t : g.initializers()) {
            constants.put(t.name(), OnnxTensors.toTensor(t));
            types.put(t.name(), t.dataType());
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfo v : g.inputs()) {
            if (!constants.containsKey(v.name())) {
                inputs.add(v);
                types.put(v.name(), v.elemType() == 0 ? DataType.FLOAT : v.elemType());
            }
        }
        for (ValueInfo v : g.outputs()) {
            graphOutputs.add(v.name());
        }
        List<String> inputNames = inputs.stream().map(ValueInfo::name).toList();
        Map<String, OnnxProto.Node> byName = uniqueNames(g.nodes());
        Set<String> consumed = consumedTensors(g.nodes());
        for (Node placeholder : sorted(g.name(), inputNames, byName)) {
            OnnxProto.Node n = byName.get(placeholder.name());
            try {
                addNode(placeholder.name(), n, consumed);
            } catch (RuntimeException e) { // a malformed node (missing inputs, odd output counts): still one line
                throw new ImportException(file + ": node '" + placeholder.name() + "' (" + n.opType() + "): "
                        + message(e), e);
            }
        }
        pruneConstants();
        Graph graph;
        try {
            graph = new Graph(g.name().isEmpty() ? fileName() : g.name(), inputNames, constants, nodes, List.copyOf(graphOutputs));
        } catch (GraphException e) {
            throw new ImportException(file + ": " + e.getMessage(), e);
        }
        List<ImportedModel.InputSpec> specs = inputs.stream()
                .map(v -> new ImportedModel.InputSpec(v.name(), v.dims() == null ? new int[0] : v.dims())).toList();
        return new ImportedModel("ONNX", file, graph, specs, ImportedModel.IoLayout.NCHW);
    }

    /** Refuses the whole file up front when any operator is unknown, naming the first node that uses it. */
    private void checkOperators(List<OnnxProto.Node> all) throws UnsupportedOperatorException {
        Set<String> missing = new LinkedHashSet<>();
        String firstNode = null;
        for (OnnxProto.Node n : all) {
            boolean defaultDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
            String op = defaultDomain ? n.opType() : n.domain() + "." + n.opType();
            if (!defaultDomain || (OpTable.get(n.opType()) == null && !OpTable.PASS_THROUGH.contains(n.opType()))) {
                if (missing.isEmpty()) {
                    firstNode = n.name().isEmpty() ? String.join(",", n.outputs()) : n.name();
                }
                missing.add(op);
            }
        }
        if (!missing.isEmpty()) {
            List<String> ops = List.copyOf(missing);
            String others = ops.size() > 1 ? " (also unsupported: " + String.join(", ", ops.subList(1, ops.size())) + ")" : "";
            throw new UnsupportedOperatorException(file + ": unsupported operator " + ops.get(0) + " in node '" + firstNode
                    + "'" + others + "; see docs/ONNX.md for the supported operators", ops);
        }
    }

    /** ONNX node names are optional and need not be unique; the engine's are both. */
    private static Map<String, OnnxProto.Node> uniqueNames(List<OnnxProto.Node> all) {
        Map<String, OnnxProto.Node> byName = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            OnnxProto.Node n = all.get(i);
            String name = n.name().isEmpty() ? n.opType() + "_" + i : n.name();
            while (byName.containsKey(name)) {
                name = name + "_" + i;
            }
            byName.put(name, n);
        }
        return byName;
    }

    private Set<String> consumedTensors(List<OnnxProto.Node> all) {
        Set<String> used = new HashSet<>(graphOutputs);
        for (OnnxProto.Node n : all) {
            used.addAll(n.inputs());
        }
        return used;
    }

    /** Orders the nodes through the engine's own checks, which name cycles and tensors nobody provides. */
    private List<Node> sorted(String graphName, List<String> inputNames, Map<String, OnnxProto.Node> byName)
            throws ImportException {
        List<Node> placeholders = new ArrayList<>(byName.size());
        byName.forEach((name, n) -> placeholders.add(new Node(name, new Pending(n.opType()), n.inputs(), n.outputs())));
        try {
            return new Graph(graphName, inputNames, constants, placeholders, List.copyOf(graphOutputs)).nodes();
        } catch (GraphException e) {
            throw new ImportException(file + ": " + e.getMessage(), e);
        }
    }

    private void addNode(String name, OnnxProto.Node n, Set<String> consumed) throws ImportException {
        List<String> in = n.inputs().stream().map(this::resolve).toList();
        OnnxProto.Node resolved = new OnnxProto.Node(name, n.opType(), n.domain(), in, n.outputs(), n.attributes());
        boolean allOutputs = OpTable.MULTI_OUTPUT.contains(n.opType());
        for (int i = 1; !allOutputs && i < n.outputs().size(); i++) {
            String extra = n.outputs().get(i);
            if (!extra.isEmpty() && consumed.contains(extra)) {
                throw new ImportException(file + ": node '" + name + "' (" + n.opType() + "): output " + (i + 1) + " ('"
                        + extra + "') is used, but DecoderLens computes only the first output of " + n.opType());
            }
        }
        String out = n.outputs().isEmpty() ? "" : n.outputs().get(0);
        int[] inTypes = in.stream().mapToInt(s -> types.getOrDefault(s, DataType.FLOAT)).toArray();
        if (OpTable.PASS_THROUGH.contains(n.opType())) {
            if (in.isEmpty() || in.get(0).isEmpty()) {
                throw new IllegalArgumentException("has no input");
            }
            passThrough(name, n.opType(), in.get(0), out);
            return;
        }
        NodeContext ctx = new NodeContext(resolved, opset, i -> constants.get(in.get(i)), i -> inTypes[i]);
        Op op;
        List<String> dataInputs = new ArrayList<>();
        try {
            try {
                op = OpTable.get(n.opType()).build(ctx);
                BitSet params = ctx.params();
                for (int i = 0; i < in.size(); i++) {
                    if (!params.get(i)) {
                        dataInputs.add(in.get(i));
                    }
                }
            } catch (NodeContext.NotConstant e) {
                op = new LateBoundOp(OpTable.get(n.opType()), resolved, opset, inTypes);
                dataInputs.addAll(in);
            }
            types.put(out, ShapeBuilders.outputType(ctx));
        } catch (RuntimeException e) {
            throw new ImportException(file + ": node '" + name + "' (" + n.opType() + "): " + message(e), e);
        }
        List<String> outputs = allOutputs ? n.outputs() : List.of(out);
        for (String o : outputs) {
            types.put(o, types.get(out));
        }
        if (dataInputs.stream().allMatch(s -> s.isEmpty() || constants.containsKey(s))) {
            Tensor[] values = fold(name, n.opType(), op, dataInputs);
            if (values.length < outputs.size()) {
                throw new IllegalArgumentException("computes " + values.length + " outputs, the node names " + outputs.size());
            }
            for (int i = 0; i < outputs.size(); i++) {
                if (!outputs.get(i).isEmpty()) {
                    constants.put(outputs.get(i), values[i]);
                }
            }
        } else {
            nodes.add(new Node(name, op, dataInputs, outputs));
        }
    }

    /** Identity and inference Dropout rename a tensor; only a graph output keeps a real node, to keep its name. */
    private void passThrough(String name, String opType, String in, String out) {
        if (!graphOutputs.contains(out)) {
            alias.put(out, in);
            types.put(out, types.getOrDefault(in, DataType.FLOAT));
        } else if (constants.containsKey(in)) {
            constants.put(out, constants.get(in));
        } else {
            nodes.add(new Node(name, new Identity(opType), List.of(in), List.of(out)));
        }
    }

    private Tensor[] fold(String name, String opType, Op op, List<String> inputs) throws ImportException {
        Tensor[] args = new Tensor[inputs.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = inputs.get(i).isEmpty() ? null : constants.get(inputs.get(i));
        }
        try {
            return op.apply(args, ExecContext.defaults());
        } catch (RuntimeException e) {
            throw new ImportException(file + ": node '" + name + "' (" + opType + ") fails on its constant inputs: "
                    + message(e), e);
        }
    }

    private String resolve(String tensor) {
        String t = tensor;
        while (alias.containsKey(t)) {
            t = alias.get(t);
        }
        return t;
    }

    /** Constants used only to build operators (shapes, folded weights) are dropped from the graph. */
    private void pruneConstants() {
        Set<String> used = new HashSet<>(graphOutputs);
        for (Node n : nodes) {
            used.addAll(n.inputs());
        }
        constants.keySet().retainAll(used);
    }

    private String fileName() {
        Path f = file.getFileName();
        return f == null ? file.toString() : f.toString();
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Stands in for the real operator while the engine sorts and checks the node list. */
    private record Pending(String type) implements Op {
        @Override
        public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
            throw new IllegalStateException("placeholder");
        }
    }
}
