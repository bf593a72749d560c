package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.op.AutoPad;
import dev.decoderlens.engine.op.Pads;

/**
 * The window attributes shared by Conv, ConvTranspose and the pools (kernel_shape, strides, dilations, pads,
 * auto_pad), read for 2-D, or for 1-D as a 1 x k window that {@link dev.decoderlens.importer.onnx.ops.Spatial1D}
 * runs through the 2-D operators.
 */
record SpatialAttrs(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW, Pads pads,
                    AutoPad autoPad, boolean oneD) {

    /** Reads the attributes; {@code kernel} is the kernel's spatial shape (from the weight or kernel_shape). */
    static SpatialAttrs read(NodeContext n, int[] kernel) {
        int dims = kernel.length;
        if (dims != 1 && dims != 2) {
            throw new IllegalArgumentException("only 1-D and 2-D windows are supported, this one is " + dims + "-D");
        }
        int[] strides = n.attrInts("strides", dims == 1 ? new int[] {1} : new int[] {1, 1});
        int[] dilations = n.attrInts("dilations", dims == 1 ? new int[] {1} : new int[] {1, 1});
        int[] pads = n.attrInts("pads", new int[2 * dims]);
        if (strides.length != dims || dilations.length != dims || pads.length != 2 * dims) {
            throw new IllegalArgumentException("strides, dilations and pads do not match a " + dims + "-D kernel");
        }
        AutoPad auto = autoPad(n.attrString("auto_pad", "NOTSET"));
        if (dims == 1) {
            return new SpatialAttrs(1, kernel[0], 1, strides[0], 1, dilations[0], new Pads(0, pads[0], 0, pads[1]), auto, true);
        }
        return new SpatialAttrs(kernel[0], kernel[1], strides[0], strides[1], dilations[0], dilations[1],
                new Pads(pads[0], pads[1], pads[2], pads[3]), auto, false);
    }

    static AutoPad autoPad(String s) {
        return switch (s) {
            case "", "NOTSET" -> AutoPad.NOTSET;
            case "VALID" -> AutoPad.VALID;
            case "SAME_UPPER" -> AutoPad.SAME_UPPER;
            case "SAME_LOWER" -> AutoPad.SAME_LOWER;
            default -> throw new IllegalArgumentException("unknown auto_pad '" + s + "'");
        };
    }

    /** The kernel_shape attribute, required by pools. */
    static int[] kernelShape(NodeContext n) {
        int[] k = n.attrInts("kernel_shape", null);
        if (k == null) {
            throw new IllegalArgumentException("needs the kernel_shape attribute");
        }
        return k;
    }
}
