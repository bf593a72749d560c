package dev.decoderlens.experiment;

import dev.decoderlens.analysis.ShapeArithmetic;
import dev.decoderlens.analysis.ShapeArithmetic.Step;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.AutoPad;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.experiment.DecoderPathSpec.AsInReport;
import dev.decoderlens.experiment.DecoderPathSpec.ResizeConv;
import dev.decoderlens.experiment.DecoderPathSpec.SubPixel;
import dev.decoderlens.experiment.DecoderPathSpec.TransposedConv;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the encoder and decoder networks from their specs: names, shapes, shape arithmetic and shape
 * warnings. Pure arithmetic, no weights: the layer lists can show it before a run starts.
 */
public final class NetworkPlanner {
    public static final String IMAGE_INPUT = "input";
    public static final String ENCODED = "encoded";

    private NetworkPlanner() {
    }

    /** The encoder for an input of (1, channels, height, width). Its output tensor is named {@link #ENCODED}. */
    public static NetworkPlan encoder(EncoderSpec spec, int channels, int height, int width) {
        Chain chain = new Chain(channels, height, width, 0);
        int conv = 0, pool = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            EncoderSpec.Layer layer = spec.layers().get(i);
            boolean last = i == spec.layers().size() - 1;
            switch (layer) {
                case EncoderSpec.Conv c -> {
                    String name = last ? ENCODED : "conv" + ++conv;
                    chain.conv(name, c.kernel(), c.filters(), Activation.RELU, 1, true);
                }
                case EncoderSpec.MaxPool p -> {
                    String name = last ? ENCODED : "pool" + ++pool;
                    chain.pool(name, p.size());
                }
            }
        }
        return new NetworkPlan("encoder", IMAGE_INPUT, new int[] {1, channels, height, width}, chain.layers, List.of());
    }

    /**
     * One decoder path reading {@link #ENCODED} of shape {@code encoded}, ending in a convolution to
     * {@code outChannels} (the input's channel count).
     */
    public static NetworkPlan decoder(PathConfig config, int[] encoded, int cropHeight, int cropWidth, int outChannels, int totalStride) {
        DecoderPathSpec path = config.path();
        Chain chain = new Chain(encoded[1], encoded[2], encoded[3], 1);
        int perStage = stageFactor(totalStride, path.stages());
        List<Integer> stages = path.stageChannels();
        for (int s = 0; s < stages.size(); s++) {
            int n = s + 1;
            chain.stage = n;
            int ch = stages.get(s);
            switch (path) {
                case ResizeConv r -> {
                    chain.resize("up" + n, r.mode(), r.scale());
                    if (ch > 0) {
                        chain.conv("conv" + n, r.kernel(), ch, Activation.RELU, 1, true);
                    }
                }
                case TransposedConv t -> chain.transposed("deconv" + n, t, ch, perStage, false);
                case AsInReport a -> chain.transposed("deconv" + n, a.asTransposed(), ch, perStage, true);
                case SubPixel p -> {
                    chain.conv("conv" + n, p.kernel(), ch * p.scale() * p.scale(), Activation.RELU, p.scale(), p.crd());
                    chain.shuffle("shuffle" + n, p.scale(), p.crd());
                }
            }
        }
        chain.stage = stages.size() + 1;
        int outKernel = path instanceof ResizeConv r ? r.kernel() : 1;
        chain.conv("conv_out", outKernel, outChannels, config.outputActivation().activation(), 1, true);
        List<String> warnings = new ArrayList<>();
        if (chain.h != cropHeight || chain.w != cropWidth) {
            warnings.add(path.kind() + " gives " + chain.w + "x" + chain.h + ", not the crop's " + cropWidth + "x" + cropHeight
                    + ": the output cannot be compared with the input pixel by pixel");
        }
        return new NetworkPlan(path.kind(), ENCODED, encoded, chain.layers, warnings);
    }

    /** The per-stage upsampling that brings the encoded size back to the crop: totalStride^(1/stages), or 0. */
    static int stageFactor(int totalStride, int stages) {
        int f = (int) Math.round(Math.pow(totalStride, 1.0 / stages));
        return f >= 1 && Math.pow(f, stages) == totalStride ? f : 0;
    }

    /** Walks a chain of layers, tracking the current (C, H, W). */
    private static final class Chain {
        final List<NetworkPlan.Planned> layers = new ArrayList<>();
        int c, h, w, stage;

        Chain(int c, int h, int w, int stage) {
            this.c = c;
            this.h = h;
            this.w = w;
            this.stage = stage;
        }

        void conv(String name, int k, int out, Activation act, int icnrScale, boolean crd) {
            int[] ph = ShapeArithmetic.samePads(h, k, 1, 1), pw = ShapeArithmetic.samePads(w, k, 1, 1);
            Step sh = ShapeArithmetic.conv(h, k, 1, 1, ph[0], ph[1]);
            Step sw = ShapeArithmetic.conv(w, k, 1, 1, pw[0], pw[1]);
            ConvSpec spec = ConvSpec.of(k, 1).withAutoPad(AutoPad.SAME_UPPER);
            String title = "Conv2D " + k + "x" + k + " -> " + out + actSuffix(act);
            add(name, "Conv", title, out, sh, sw, List.of(), 1, act, null, new LayerOp.Conv(spec, c, out, act, icnrScale, crd));
        }

        void pool(String name, int size) {
            Step sh = ShapeArithmetic.poolSame(h, size, size), sw = ShapeArithmetic.poolSame(w, size, size);
            add(name, "MaxPool", "MaxPool " + size + "x" + size, c, sh, sw, List.of(), 1, Activation.IDENTITY, null, new LayerOp.Pool(size));
        }

        void resize(String name, ResizeMode mode, int scale) {
            Step sh = ShapeArithmetic.scale(h, scale), sw = ShapeArithmetic.scale(w, scale);
            add(name, "Resize", "UpSampling2D " + mode.label() + " x" + scale, c, sh, sw, List.of(), scale, Activation.IDENTITY, null,
                    new LayerOp.Resize(mode, scale));
        }

        void shuffle(String name, int r, boolean crd) {
            Step sh = ShapeArithmetic.scale(h, r), sw = ShapeArithmetic.scale(w, r);
            add(name, "DepthToSpace", (crd ? "PixelShuffle x" : "DepthToSpace DCR x") + r, c / (r * r), sh, sw, List.of(), r,
                    Activation.IDENTITY, null, new LayerOp.Shuffle(r, crd));
        }

        void transposed(String name, TransposedConv t, int out, int perStage, boolean keras1) {
            int k = t.kernel(), s = t.stride();
            int[] p = switch (t.padding()) {
                case SAME -> ShapeArithmetic.sameTransposedPads(k, s, 1);
                case VALID -> new int[] {0, 0};
                case EXPLICIT -> new int[] {t.explicitPad(), t.explicitPad()};
            };
            int a = t.outputPadding();
            Step sh = ShapeArithmetic.transposed(h, k, s, 1, p[0], p[1], a);
            Step sw = ShapeArithmetic.transposed(w, k, s, 1, p[0], p[1], a);
            if (sh.out() < 1 || sw.out() < 1) {
                throw new IllegalArgumentException(name + ": padding " + p[0] + " + " + p[1] + " leaves no output pixel ("
                        + sh.text() + ")");
            }
            ConvSpec spec = new ConvSpec(k, k, s, s, 1, 1, 1, AutoPad.NOTSET, new Pads(p[0], p[0], p[1], p[1]), a, a, null);
            List<String> warnings = transposedWarnings(t, out, sh.out(), sw.out(), perStage, keras1);
            String title = (keras1 ? "Deconvolution2D " : "ConvTranspose ") + k + "x" + k + " s" + s + " -> " + out + actSuffix(Activation.RELU);
            add(name, "ConvTranspose", title, out, sh, sw, warnings, s, Activation.RELU, spec,
                    new LayerOp.Transposed(spec, c, out, Activation.RELU));
        }

        private List<String> transposedWarnings(TransposedConv t, int out, int oh, int ow, int perStage, boolean keras1) {
            List<String> warnings = new ArrayList<>();
            int s = t.stride();
            String got = ow + "x" + oh;
            if (s == 1) {
                String want = perStage > 1 ? ", not " + w * perStage + "x" + h * perStage : "";
                warnings.add((keras1 ? "Deconvolution2D" : "transposed convolution") + " with stride 1 gives " + got + "x" + out + want
                        + (keras1 ? ": Keras 1 ignored output_shape" : "") + "; stride 1 does not upsample");
                return warnings;
            }
            int wantH = h * s, wantW = w * s;
            if (oh != wantH || ow != wantW) {
                int dh = wantH - oh;
                if (dh > 0 && dh < s && wantW - ow == dh) {
                    warnings.add("gives " + got + ", not " + wantW + "x" + wantH + ": the matching convolution maps every size from "
                            + oh + " to " + (oh + s - 1) + " back to " + h + ", so the size is ambiguous; output_padding "
                            + (t.outputPadding() + dh) + " gives " + wantH);
                } else {
                    warnings.add("gives " + got + ", not stride x input = " + wantW + "x" + wantH + " (padding "
                            + t.padding().label() + ", kernel " + t.kernel() + ")");
                }
            }
            return warnings;
        }

        private void add(String name, String type, String title, int outC, Step sh, Step sw, List<String> warnings, int phaseStride,
                         Activation act, ConvSpec transposed, LayerOp op) {
            String arithmetic = sh.text().equals(sw.text()) ? sh.text() : "H: " + sh.text() + "; W: " + sw.text();
            LayerInfo info = new LayerInfo(name, type, title, new int[] {1, outC, sh.out(), sw.out()}, stage, arithmetic, warnings,
                    phaseStride, act.name(), transposed);
            layers.add(new NetworkPlan.Planned(info, op));
            c = outC;
            h = sh.out();
            w = sw.out();
        }

        private static String actSuffix(Activation act) {
            return act == Activation.IDENTITY ? "" : " + " + act.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
