package dev.decoderlens.experiment;

import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.ConvSpec;

/** What the builder turns into one engine node: the operator and, for convolutions, the weight shape it needs. */
public sealed interface LayerOp {

    /**
     * A convolution; {@code icnrScale} > 1 marks the convolution before a DepthToSpace of that block size (ICNR
     * applies to it), {@code crd} that DepthToSpace's channel order.
     */
    record Conv(ConvSpec spec, int inChannels, int outChannels, Activation activation, int icnrScale, boolean crd) implements LayerOp {
    }

    /** A transposed convolution (the bilinear initialiser applies to it). */
    record Transposed(ConvSpec spec, int inChannels, int outChannels, Activation activation) implements LayerOp {
    }

    /** Max pool size x size, stride size, Keras same padding. */
    record Pool(int size) implements LayerOp {
    }

    /** Keras UpSampling2D. */
    record Resize(ResizeMode mode, int scale) implements LayerOp {
    }

    /** DepthToSpace; CRD is PyTorch's PixelShuffle. */
    record Shuffle(int blockSize, boolean crd) implements LayerOp {
    }
}
