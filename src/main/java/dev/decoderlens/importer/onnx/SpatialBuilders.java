package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.DepthToSpace;
import dev.decoderlens.engine.op.Pad;
import dev.decoderlens.engine.op.Resize;
import dev.decoderlens.engine.op.ResizeSpec;
import java.util.Map;

/** Resize / Upsample in all their opset forms, Pad (attribute and input forms), DepthToSpace. */
final class SpatialBuilders {
    private SpatialBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("Upsample", SpatialBuilders::upsample);
        table.put("Resize", SpatialBuilders::resize);
        table.put("DepthToSpace", n -> new DepthToSpace(n.attrInt("blocksize", 0),
                "CRD".equals(n.attrString("mode", "DCR"))));
        table.put("Pad", SpatialBuilders::pad);
    }

    /** Upsample (opsets 7-9): asymmetric coordinates, nearest rounds down; scales from an attribute or input. */
    private static Resize upsample(NodeContext n) {
        float[] scales = n.opset() < 9 ? n.attrFloats("scales", null) : n.requireParam(1, "scales").toRowMajor().data();
        if (scales == null) {
            throw new IllegalArgumentException("needs scales");
        }
        ResizeSpec.Mode mode = mode(n.attrString("mode", "nearest"));
        return fromScales(scales, mode, ResizeSpec.CoordMode.ASYMMETRIC, ResizeSpec.NearestMode.FLOOR, -0.75f);
    }

    private static Resize resize(NodeContext n) {
        ResizeSpec.Mode mode = mode(n.attrString("mode", "nearest"));
        if (n.opset() < 11) { // Resize-10: input 1 is scales; coordinates as Upsample
            return fromScales(n.requireParam(1, "scales").toRowMajor().data(), mode, ResizeSpec.CoordMode.ASYMMETRIC,
                    ResizeSpec.NearestMode.FLOOR, -0.75f);
        }
        if (n.attrInt("exclude_outside", 0) != 0) {
            throw new IllegalArgumentException("exclude_outside=1 is not supported");
        }
        if (n.attrInt("antialias", 0) != 0) {
            throw new IllegalArgumentException("antialias=1 is not supported");
        }
        if (n.hasAttr("axes")) {
            throw new IllegalArgumentException("the axes attribute is not supported (give scales or sizes for all 4 axes)");
        }
        ResizeSpec.CoordMode coord = coord(n.attrString("coordinate_transformation_mode", "half_pixel"));
        ResizeSpec.NearestMode nearest = nearest(n.attrString("nearest_mode", "round_prefer_floor"));
        float cubic = n.attrFloat("cubic_coeff_a", -0.75f);
        Tensor scales = n.param(2);
        Tensor sizes = n.param(3);
        if (scales != null && scales.size() > 0) {
            return fromScales(scales.toRowMajor().data(), mode, coord, nearest, cubic);
        }
        if (sizes == null || sizes.size() != 4) {
            throw new IllegalArgumentException("needs 4 scales or 4 sizes for an (N, C, H, W) input");
        }
        int[] s = Ints.of(sizes);
        return new Resize(new ResizeSpec(mode, coord, nearest, -1, -1, s[2], s[3], cubic));
    }

    private static Resize fromScales(float[] s, ResizeSpec.Mode mode, ResizeSpec.CoordMode coord,
                                     ResizeSpec.NearestMode nearest, float cubic) {
        if (s.length != 4) {
            throw new IllegalArgumentException("needs 4 scales for an (N, C, H, W) input, got " + s.length);
        }
        if (s[0] != 1f || s[1] != 1f) {
            throw new IllegalArgumentException("scaling the batch or channel axis is not supported");
        }
        return new Resize(new ResizeSpec(mode, coord, nearest, s[2], s[3], -1, -1, cubic));
    }

    private static ResizeSpec.Mode mode(String s) {
        return switch (s) {
            case "nearest" -> ResizeSpec.Mode.NEAREST;
            case "linear", "bilinear" -> ResizeSpec.Mode.LINEAR;
            case "cubic", "bicubic" -> ResizeSpec.Mode.CUBIC;
            default -> throw new IllegalArgumentException("unknown mode '" + s + "'");
        };
    }

    private static ResizeSpec.CoordMode coord(String s) {
        return switch (s) {
            case "half_pixel" -> ResizeSpec.CoordMode.HALF_PIXEL;
            case "pytorch_half_pixel" -> ResizeSpec.CoordMode.PYTORCH_HALF_PIXEL;
            case "align_corners" -> ResizeSpec.CoordMode.ALIGN_CORNERS;
            case "asymmetric" -> ResizeSpec.CoordMode.ASYMMETRIC;
            case "tf_half_pixel_for_nn" -> ResizeSpec.CoordMode.TF_HALF_PIXEL_FOR_NN;
            default -> throw new IllegalArgumentException("coordinate_transformation_mode '" + s + "' is not supported");
        };
    }

    private static ResizeSpec.NearestMode nearest(String s) {
        return switch (s) {
            case "round_prefer_floor" -> ResizeSpec.NearestMode.ROUND_PREFER_FLOOR;
            case "round_prefer_ceil" -> ResizeSpec.NearestMode.ROUND_PREFER_CEIL;
            case "floor" -> ResizeSpec.NearestMode.FLOOR;
            case "ceil" -> ResizeSpec.NearestMode.CEIL;
            default -> throw new IllegalArgumentException("unknown nearest_mode '" + s + "'");
        };
    }

    private static Pad pad(NodeContext n) {
        Pad.Mode mode = switch (n.attrString("mode", "constant")) {
            case "constant" -> Pad.Mode.CONSTANT;
            case "reflect" -> Pad.Mode.REFLECT;
            case "edge" -> Pad.Mode.EDGE;
            default -> throw new IllegalArgumentException("unknown mode '" + n.attrString("mode", "") + "'");
        };
        if (n.opset() < 11) { // Pad-1 called the attribute "paddings"
            int[] pads = n.attrInts("pads", n.attrInts("paddings", null));
            if (pads == null) {
                throw new IllegalArgumentException("needs the pads attribute");
            }
            return new Pad(mode, pads, n.attrFloat("value", 0f));
        }
        int[] pads = Ints.of(n.requireParam(1, "pads"));
        Tensor value = n.param(2);
        if (n.has(3)) {
            throw new IllegalArgumentException("the axes input is not supported");
        }
        return new Pad(mode, pads, value == null || value.size() == 0 ? 0f : value.data()[0]);
    }
}
