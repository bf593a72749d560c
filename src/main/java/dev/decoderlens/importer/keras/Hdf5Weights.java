package dev.decoderlens.importer.keras;

import dev.decoderlens.importer.ImportException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weight arrays in the two HDF5 layouts Keras wrote. Legacy files ({@code model.save('m.h5')}, {@code save_weights})
 * keep one group per layer with a {@code weight_names} attribute listing its datasets in creation order
 * ({@code conv2d_1/kernel:0} in Keras 2, {@code convolution2d_1_W:0} in Keras 1). Archives ({@code .keras},
 * {@code model.weights.h5}) keep {@code <prefix>/<layer>/vars/0, 1, ...}, with prefix {@code layers} in Keras 3 and
 * {@code _layer_checkpoint_dependencies} in Keras 2.13.
 */
final class Hdf5Weights {
    private Hdf5Weights() {
    }

    /** Legacy layout under {@code root} (the {@code model_weights} group, or the file root for weights-only files). */
    static WeightSource legacy(Group root) {
        return layer -> {
            Node n = root.getChild(layer);
            if (!(n instanceof Group g)) {
                return List.of();
            }
            List<String> names = stringList(g, "weight_names");
            List<WeightArray> out = new ArrayList<>();
            for (String name : names) {
                Node d = g.getByPath(name);
                if (!(d instanceof Dataset ds)) {
                    throw new ImportException("weights of layer '" + layer + "': dataset '" + name + "' is missing");
                }
                out.add(read(ds, name));
            }
            return out;
        };
    }

    /**
     * Archive layout: {@code <prefix>/<path>/vars/<i>}. Keras addresses each layer not by its name but by the snake
     * case of its class with a counter per class, in the model's layer order ({@code conv2d}, {@code conv2d_1}, ...),
     * so a layer the user named "encoder_1" is stored as {@code layers/conv2d}; the layer name is the fallback.
     */
    static WeightSource vars(Group root, String prefix, ModelConfig model) {
        Map<String, String> paths = archivePaths(model);
        return layer -> {
            Node base = child(root, prefix);
            Node n = child(child(base, paths.getOrDefault(layer, layer)), "vars");
            if (n == null) {
                n = child(child(base, layer), "vars");
            }
            if (!(n instanceof Group g)) {
                return List.of();
            }
            List<Node> items = new ArrayList<>(g.getChildren().values());
            items.sort(Comparator.comparingInt(Hdf5Weights::index));
            List<WeightArray> out = new ArrayList<>();
            for (Node item : items) {
                if (item instanceof Dataset ds) {
                    out.add(read(ds, layer + "/vars/" + item.getName()));
                }
            }
            return out;
        };
    }

    /** Layer name -> archive path: snake_case(class) for the first of a class, then _1, _2, ... */
    static Map<String, String> archivePaths(ModelConfig model) {
        Map<String, String> paths = new HashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (ModelConfig.Layer l : model.layers()) {
            String base = snakeCase(l.config().className());
            int n = used.merge(base, 1, Integer::sum) - 1;
            paths.put(l.config().name(), n == 0 ? base : base + "_" + n);
        }
        return paths;
    }

    /** Keras {@code naming.to_snake_case}: "Conv2DTranspose" -> "conv2d_transpose", "LeakyReLU" -> "leaky_re_lu". */
    static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The child called {@code name} of a group, or null (jhdf's getByPath throws instead). */
    static Node child(Node parent, String name) {
        return parent instanceof Group g ? g.getChildren().get(name) : null;
    }

    private static int index(Node n) {
        try {
            return Integer.parseInt(n.getName());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    static WeightArray read(Dataset ds, String name) throws ImportException {
        int[] shape = ds.getDimensions();
        Object flat = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        float[] v = switch (flat) {
            case float[] f -> f;
            case double[] d -> {
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                yield f;
            }
            case Float f -> new float[] {f};
            case Double d -> new float[] {d.floatValue()};
            default -> throw new ImportException("weight '" + name + "' holds " + ds.getJavaType().getSimpleName()
                    + " values, not floating-point numbers");
        };
        return new WeightArray(name, shape, v);
    }

    /** A string attribute (fixed or variable length, scalar or one-element array), or null. */
    static String string(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null || a.isEmpty()) {
            return null;
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d instanceof String[] arr && arr.length > 0) {
            return arr[0];
        }
        return null;
    }

    /** A string-list attribute such as {@code weight_names}; empty when absent or empty. */
    static List<String> stringList(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null || a.isEmpty()) {
            return List.of();
        }
        Object d = a.getData();
        if (d instanceof String[] arr) {
            return List.of(arr);
        }
        if (d instanceof String s) {
            return List.of(s);
        }
        return List.of();
    }
}
