package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * Elementwise arithmetic of two tensors with numpy broadcasting over their logical shapes.
 *
 * <p>Fast paths, because these sit between convolutions on full-size activations: equal shapes are combined
 * storage to storage (converting the second operand to the first one's layout if needed); a scalar or a
 * per-channel operand such as a (1, C, 1, 1) bias is applied to NHWC storage without converting it. Anything else
 * goes through row-major broadcasting and returns row-major.
 */
public final class Binary implements Op {

    /** The ONNX operators this class implements; {@link #onnxName()} is the op type. */
    public enum Fn implements Broadcast.FloatOp {
        ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("Div"), POW("Pow"), MAX("Max"), MIN("Min");

        private final String onnxName;

        Fn(String onnxName) {
            this.onnxName = onnxName;
        }

        public String onnxName() {
            return onnxName;
        }

        @Override
        public float apply(float a, float b) {
            return switch (this) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case POW -> (float) Math.pow(a, b);
                // NaN wins, as in numpy.maximum and ONNX Runtime.
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
            };
        }
    }

    private final Fn fn;

    public Binary(Fn fn) {
        if (fn == null) {
            throw new IllegalArgumentException("Binary needs a function (ADD, SUB, MUL, DIV, POW, MAX, MIN)");
        }
        this.fn = fn;
    }

    public Fn fn() {
        return fn;
    }

    @Override
    public String type() {
        return fn.onnxName();
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor a = OpInputs.require(inputs, 0, type());
        Tensor b = OpInputs.require(inputs, 1, type());
        return new Tensor[] {combine(a, b, fn, type())};
    }

    /** a (fn) b with broadcasting; also used by ops that add or scale (Gemm, PRelu). */
    static Tensor combine(Tensor a, Tensor b, Broadcast.FloatOp fn, String op) {
        int[] sa = a.shape(), sb = b.shape();
        if (Arrays.equals(sa, sb)) {
            Tensor bb = a.layout() == Layout.NHWC ? b.toNhwc() : b.toRowMajor();
            return new Tensor(sa, zipSame(a.data(), bb.data(), fn), a.layout());
        }
        int[] out = Broadcast.shape(sa, sb, op);
        if (Arrays.equals(out, sa) && a.layout() == Layout.NHWC && Broadcast.isPerChannel(sb, sa)) {
            return new Tensor(sa, perChannel(a.data(), sa[1], b.toRowMajor().data(), fn, false), Layout.NHWC);
        }
        if (Arrays.equals(out, sb) && b.layout() == Layout.NHWC && Broadcast.isPerChannel(sa, sb)) {
            return new Tensor(sb, perChannel(b.data(), sb[1], a.toRowMajor().data(), fn, true), Layout.NHWC);
        }
        float[] dst = new float[Math.toIntExact(Shapes.size(out))];
        Broadcast.zip(a.toRowMajor().data(), sa, b.toRowMajor().data(), sb, out, dst, fn);
        return Tensor.of(out, dst);
    }

    private static float[] zipSame(float[] a, float[] b, Broadcast.FloatOp fn) {
        float[] dst = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            dst[i] = fn.apply(a[i], b[i]);
        }
        return dst;
    }

    /** big (NHWC, channels innermost) combined with one value per channel (or one value for all). */
    private static float[] perChannel(float[] big, int channels, float[] small, Broadcast.FloatOp fn, boolean smallFirst) {
        float[] dst = new float[big.length];
        boolean single = small.length == 1;
        for (int p = 0; p < big.length; p += channels) {
            for (int c = 0; c < channels; c++) {
                float s = small[single ? 0 : c];
                dst[p + c] = smallFirst ? fn.apply(s, big[p + c]) : fn.apply(big[p + c], s);
            }
        }
        return dst;
    }
}
