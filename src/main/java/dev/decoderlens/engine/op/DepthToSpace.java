package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * Moves blocks of channels into b x b spatial blocks: (N, C, H, W) -> (N, C/b², H b, W b). DCR (ONNX default,
 * TensorFlow depth_to_space) takes channel (i b + j) C' + c for output channel c at block offset (i, j); CRD
 * (PyTorch PixelShuffle, ONNX mode="CRD") takes c b² + i b + j. Output NHWC.
 */
public final class DepthToSpace implements Op {
    private final int block;
    private final boolean crd;

    public DepthToSpace(int blockSize, boolean crd) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("DepthToSpace block size must be >= 1, got " + blockSize);
        }
        this.block = blockSize;
        this.crd = crd;
    }

    @Override
    public String type() {
        return "DepthToSpace";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.requireRank(OpInputs.require(inputs, 0, type()), 4, type()).toNhwc();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3), b = block, bb = b * b;
        if (c % bb != 0) {
            throw new IllegalArgumentException("DepthToSpace with block " + b + " needs channels divisible by " + bb
                    + ", got " + Shapes.toString(x.shape()));
        }
        int oc = c / bb;
        // Output NHWC storage viewed as (N, H, i, W, j, C'): each axis contributes independently to the source offset.
        int[] view = {n, h, b, w, b, oc};
        int[][] table = {
                StridedGather.linear(n, 0, 1, h * w * c),
                StridedGather.linear(h, 0, 1, w * c),
                StridedGather.linear(b, 0, 1, crd ? b : b * oc),
                StridedGather.linear(w, 0, 1, c),
                StridedGather.linear(b, 0, 1, crd ? 1 : oc),
                StridedGather.linear(oc, 0, 1, crd ? bb : 1)};
        return new Tensor[] {Tensor.nhwc(n, oc, h * b, w * b, StridedGather.gather(x.data(), table, view, 0f))};
    }
}
