package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * ICNR (Aitken et al. 2017, "Checkerboard artifact free sub-pixel convolution"): for a Conv2D weight
 * (Cout, Cin, kH, kW) that feeds a depth-to-space of block r, draw a base kernel (Cout / r², Cin, kH, kW) with
 * {@code base} and give all r² sub-pixel channels of each output channel the same filter. Conv + shuffle then
 * starts exactly as conv (base) + nearest-neighbour upsampling: no checkerboard at initialisation.
 * {@code crd} must match the shuffle: CRD (PyTorch PixelShuffle) reads sub-pixel q of channel c from channel
 * c r² + q, DCR (TensorFlow depth_to_space, ONNX default) from q (Cout / r²) + c.
 */
public record Icnr(Initializer base, int scale, boolean crd) implements Initializer {

    public Icnr {
        if (base == null || scale < 1) {
            throw new IllegalArgumentException("ICNR needs a base initialiser and a scale >= 1");
        }
    }

    @Override
    public String name() {
        return "icnr";
    }

    /** The shape of the base kernel drawn for {@code shape}. */
    public int[] baseShape(int[] shape) {
        int rr = scale * scale;
        if (shape.length < 2 || shape[0] % rr != 0) {
            throw new IllegalArgumentException("ICNR with scale " + scale + " needs output channels divisible by " + rr
                    + ", got weight " + Shapes.toString(shape));
        }
        int[] b = shape.clone();
        b[0] = shape[0] / rr;
        return b;
    }

    @Override
    public Tensor create(int[] shape, long seed) {
        int[] bs = baseShape(shape);
        float[] w0 = base.create(bs, seed).toRowMajor().data();
        int rr = scale * scale, channels = bs[0], filter = w0.length / Math.max(1, channels);
        float[] w = new float[Fans.count(shape)];
        for (int c = 0; c < channels; c++) {
            for (int q = 0; q < rr; q++) {
                int dst = crd ? c * rr + q : q * channels + c;
                System.arraycopy(w0, c * filter, w, dst * filter, filter);
            }
        }
        return Tensor.of(shape, w);
    }
}
