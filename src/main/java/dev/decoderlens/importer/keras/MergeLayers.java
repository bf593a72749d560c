package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Binary;
import dev.decoderlens.engine.op.Concat;
import dev.decoderlens.importer.ImportException;
import java.util.ArrayList;
import java.util.List;

/** Layers that join tensors: Concatenate, Add, Multiply, Subtract, Maximum, Minimum, Average and Keras 1 Merge. */
final class MergeLayers {
    private MergeLayers() {
    }

    static KTensor merge(GraphBuilder g, LayerConfig lc, List<KTensor> in, String name) throws ImportException {
        if (in.size() < 2 && !lc.className().equals("Merge")) {
            throw lc.error("needs at least two inputs, got " + in.size());
        }
        return switch (lc.className()) {
            case "Concatenate" -> concat(g, lc, in, name, lc.integer(-1, "axis"));
            case "Add" -> chain(g, in, name, Binary.Fn.ADD);
            case "Multiply" -> chain(g, in, name, Binary.Fn.MUL);
            case "Subtract" -> chain(g, in, name, Binary.Fn.SUB);
            case "Maximum" -> chain(g, in, name, Binary.Fn.MAX);
            case "Minimum" -> chain(g, in, name, Binary.Fn.MIN);
            case "Average" -> average(g, in, name);
            case "Merge" -> keras1(g, lc, in, name);
            default -> throw new IllegalStateException(lc.className());
        };
    }

    private static KTensor keras1(GraphBuilder g, LayerConfig lc, List<KTensor> in, String name) throws ImportException {
        String mode = lc.string("sum", "mode");
        return switch (mode) {
            case "concat" -> concat(g, lc, in, name, lc.integer(-1, "concat_axis"));
            case "sum" -> chain(g, in, name, Binary.Fn.ADD);
            case "mul" -> chain(g, in, name, Binary.Fn.MUL);
            case "max" -> chain(g, in, name, Binary.Fn.MAX);
            case "ave" -> average(g, in, name);
            default -> throw lc.unsupported("with mode '" + mode + "'");
        };
    }

    /** Inputs in one representation: all channels-last images as they are, otherwise all in Keras order. */
    private static List<KTensor> aligned(GraphBuilder g, List<KTensor> in) {
        if (in.stream().allMatch(KTensor::image)) {
            return in;
        }
        List<KTensor> out = new ArrayList<>();
        for (KTensor t : in) {
            out.add(g.plain(t));
        }
        return out;
    }

    private static KTensor concat(GraphBuilder g, LayerConfig lc, List<KTensor> in, String name, int axis) throws ImportException {
        List<KTensor> xs = aligned(g, in);
        KTensor first = xs.getFirst();
        int a = axis < 0 ? axis + first.rank() + 1 : axis;
        if (a < 1 || a > first.rank()) {
            throw lc.error("axis " + axis + " is outside rank " + (first.rank() + 1));
        }
        int[] shape = first.shape().clone();
        String[] names = new String[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            KTensor t = xs.get(i);
            if (t.rank() != first.rank()) {
                throw lc.error("inputs have different ranks: " + first + " and " + t);
            }
            if (i > 0) {
                shape[a - 1] = shape[a - 1] < 0 || t.dim(a - 1) < 0 ? -1 : shape[a - 1] + t.dim(a - 1);
            }
            names[i] = t.engine();
        }
        return new KTensor(g.add(name, new Concat(first.engineAxis(a)), names), shape, first.image());
    }

    private static KTensor chain(GraphBuilder g, List<KTensor> in, String name, Binary.Fn fn) {
        List<KTensor> xs = aligned(g, in);
        String acc = xs.getFirst().engine();
        for (int i = 1; i < xs.size(); i++) {
            acc = g.add(i == xs.size() - 1 ? name : name + "/" + i, new Binary(fn), acc, xs.get(i).engine());
        }
        return new KTensor(acc, xs.getFirst().shape(), xs.getFirst().image());
    }

    private static KTensor average(GraphBuilder g, List<KTensor> in, String name) {
        KTensor sum = chain(g, in, name + "/sum", Binary.Fn.ADD);
        String k = g.constant(name + "/1_over_n", Tensor.scalar(1f / in.size()));
        return new KTensor(g.add(name, new Binary(Binary.Fn.MUL), sum.engine(), k), sum.shape(), sum.image());
    }
}
