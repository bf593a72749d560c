package dev.decoderlens.experiment;

import java.util.List;

/**
 * The shared encoder: a list of 'same'-padded ReLU convolutions and 2x2-style max pools, with its weights'
 * initialiser and seed (part of the encoder cache key).
 */
public record EncoderSpec(String id, String title, List<Layer> layers, WeightInit init) {

    /** One encoder layer. */
    public sealed interface Layer permits Conv, MaxPool {
    }

    /** Conv2D(filters, kernel x kernel, padding same, stride 1) + ReLU. */
    public record Conv(int filters, int kernel) implements Layer {
        public Conv {
            if (filters < 1 || kernel < 1) {
                throw new IllegalArgumentException("encoder convolution needs filters >= 1 and kernel >= 1");
            }
        }
    }

    /** MaxPooling2D(size x size), stride = size, Keras padding same (a partial window at the border counts). */
    public record MaxPool(int size) implements Layer {
        public MaxPool {
            if (size < 1) {
                throw new IllegalArgumentException("pool size must be >= 1");
            }
        }
    }

    public EncoderSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the encoder needs at least one layer");
        }
        if (init == null) {
            init = WeightInit.glorot(WeightInit.DEFAULT_SEED);
        }
    }

    /**
     * The report's encoder: Conv3x3 32, Conv3x3 64, MaxPool 2, Conv3x3 128, Conv3x3 256, MaxPool 2 (ReLU, same).
     */
    public static EncoderSpec report() {
        return new EncoderSpec("report", "the report's encoder (4 convolutions, 2 pools)",
                List.of(new Conv(32, 3), new Conv(64, 3), new MaxPool(2), new Conv(128, 3), new Conv(256, 3), new MaxPool(2)),
                WeightInit.glorot(WeightInit.DEFAULT_SEED));
    }

    /** A quarter-width encoder with the same geometry, for quick runs on big crops. */
    public static EncoderSpec small() {
        return new EncoderSpec("small", "small encoder (8, 16, pool, 32, 64, pool)",
                List.of(new Conv(8, 3), new Conv(16, 3), new MaxPool(2), new Conv(32, 3), new Conv(64, 3), new MaxPool(2)),
                WeightInit.glorot(WeightInit.DEFAULT_SEED));
    }

    public static List<EncoderSpec> builtIn() {
        return List.of(report(), small());
    }

    public EncoderSpec withInit(WeightInit i) {
        return new EncoderSpec(id, title, layers, i);
    }

    /** The product of the pool sizes: crops should be a multiple of it. */
    public int totalStride() {
        int s = 1;
        for (Layer l : layers) {
            if (l instanceof MaxPool p) {
                s *= p.size();
            }
        }
        return s;
    }

    /** Channels of the encoded tensor. */
    public int outputChannels(int inputChannels) {
        int c = inputChannels;
        for (Layer l : layers) {
            if (l instanceof Conv conv) {
                c = conv.filters();
            }
        }
        return c;
    }
}
