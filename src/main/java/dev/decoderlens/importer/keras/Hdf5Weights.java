package dev.decoderlens.importer.keras;

import dev.decoderlens.importer.ImportException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    /**
     * Legacy layout under {@code root} (the {@code model_weights} group, or the file root for weights-only files).
     * A nested model keeps all its layers' weights in its own group, listed together in its {@code weight_names}
     * ("conv2d_1/kernel:0", or with the model's scope first): a layer's arrays are those under a directory of its name.
     */
    static WeightSource legacy(Group root) {
        return lc -> {
            String[] key = lc.weightKey().split("/");
            if (!(child(root, key[0]) instanceof Group g)) {
                return List.of();
            }
            List<String> names = stringList(g, "weight_names");
            if (key.length > 1) {
                String layer = key[key.length - 1];
                names = names.stream().filter(n -> inDirectory(n, layer)).toList();
            }
            List<WeightArray> out = new ArrayList<>();
            for (String name : names) {
                if (!(path(g, name) instanceof Dataset ds)) {
                    throw new ImportException("weights of layer '" + lc.name() + "': dataset '" + name + "' is missing");
                }
                out.add(read(ds, name));
            }
            return out;
        };
    }

    private static boolean inDirectory(String name, String dir) {
        String[] parts = name.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals(dir)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Archive layout: {@code <prefix>/<path>/vars/<i>}. Keras addresses each layer not by its name but by the snake
     * case of its class with a counter per class, in the model's layer order ({@code conv2d}, {@code conv2d_1}, ...;
     * see {@link LayerConfig#archivePath()}); the layer name is the fallback.
     */
    static WeightSource vars(Group root, String prefix) {
        return lc -> {
            Node base = child(root, prefix);
            Node n = path(base, lc.archivePath() + "/vars");
            if (n == null) {
                n = path(base, lc.name() + "/vars");
            }
            if (!(n instanceof Group g)) {
                return List.of();
            }
            List<Node> items = new ArrayList<>(g.getChildren().values());
            items.sort(Comparator.comparingInt(Hdf5Weights::index));
            List<WeightArray> out = new ArrayList<>();
            for (Node item : items) {
                if (item instanceof Dataset ds) {
                    out.add(read(ds, lc.name() + "/vars/" + item.getName()));
                }
            }
            return out;
        };
    }

    /** Keras {@code naming.to_snake_case}: "Conv2DTranspose" -> "conv2d_transpose", "LeakyReLU" -> "leaky_re_lu". */
    static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The node at a '/'-separated path below {@code from}, or null. */
    static Node path(Node from, String path) {
        Node n = from;
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                n = child(n, part);
            }
        }
        return n;
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
