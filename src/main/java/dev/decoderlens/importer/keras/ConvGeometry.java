package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.op.AutoPad;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.importer.ImportException;

/** Kernel size, strides, dilation and padding of a convolution layer, as every Keras generation spells them. */
record ConvGeometry(int kh, int kw, int sh, int sw, int dh, int dw, String padding) {

    static ConvGeometry of(LayerConfig lc) throws ImportException {
        int[] k = lc.pair("kernel_size");
        if (k == null) {
            k = new int[] {lc.integer(-1, "nb_row"), lc.integer(-1, "nb_col")};
        }
        int[] s = lc.pair("strides", "subsample");
        int[] d = lc.pair("dilation_rate", "atrous_rate");
        if (k[0] < 1 || k[1] < 1) {
            throw lc.error("has no kernel size");
        }
        String p = checked(lc, "full");
        return new ConvGeometry(k[0], k[1], s == null ? 1 : s[0], s == null ? 1 : s[1], d == null ? 1 : d[0], d == null ? 1 : d[1], p);
    }

    /** A Conv1D as a (1, k) convolution over a height-1 image; "causal" pads (k - 1) d on the left only. */
    static ConvGeometry of1d(LayerConfig lc) throws ImportException {
        int[] k = lc.intList("kernel_size", "filter_length");
        int[] s = lc.intList("strides", "subsample_length");
        int[] d = lc.intList("dilation_rate");
        if (k == null || k[0] < 1) {
            throw lc.error("has no kernel size");
        }
        String p = checked(lc, "causal");
        return new ConvGeometry(1, k[0], 1, s == null ? 1 : s[0], 1, d == null ? 1 : d[0], p);
    }

    private static String checked(LayerConfig lc, String extra) throws ImportException {
        String p = lc.padding();
        if (!p.equals("valid") && !p.equals("same") && !p.equals(extra)) {
            throw lc.unsupported("with padding '" + p + "'");
        }
        return p;
    }

    ConvSpec spec(int groups) {
        ConvSpec base = new ConvSpec(kh, kw, sh, sw, dh, dw, groups, AutoPad.NOTSET, Pads.ZERO, 0, 0, null);
        return switch (padding) {
            case "same" -> base.withAutoPad(AutoPad.SAME_UPPER);
            case "full" -> base.withPads(Pads.symmetric((kh - 1) * dh, (kw - 1) * dw));
            case "causal" -> base.withPads(new Pads(0, (kw - 1) * dw, 0, 0));
            default -> base;
        };
    }

    int outH(int h) {
        return outLength(h, (kh - 1) * dh + 1, sh);
    }

    int outW(int w) {
        return outLength(w, (kw - 1) * dw + 1, sw);
    }

    private int outLength(int in, int k, int s) {
        if (in < 0) {
            return -1;
        }
        return switch (padding) {
            case "same", "causal" -> (in + s - 1) / s;
            case "full" -> (in + k - 2) / s + 1;
            default -> Math.max((in - k) / s + 1, 0);
        };
    }
}
