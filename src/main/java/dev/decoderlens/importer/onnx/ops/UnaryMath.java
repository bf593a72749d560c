package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** Elementwise math without parameters that ONNX files use around the layers (Neg, Sqrt, Exp, ...). */
public record UnaryMath(Fn fn) implements Op {
    public enum Fn {
        NEG("Neg"), ABS("Abs"), SQRT("Sqrt"), EXP("Exp"), LOG("Log"), RECIPROCAL("Reciprocal"), FLOOR("Floor"),
        CEIL("Ceil"), ROUND("Round"), ERF("Erf"), NOT("Not"), SIGN("Sign"),
        HARD_SWISH("HardSwish");

        private final String onnxName;

        Fn(String onnxName) {
            this.onnxName = onnxName;
        }

        public String onnxName() {
            return onnxName;
        }

        public static Fn byOnnxName(String name) {
            for (Fn f : values()) {
                if (f.onnxName.equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    @Override
    public String type() {
        return fn.onnxName;
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        float[] v = x.data();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            float a = v[i];
            out[i] = switch (fn) {
                case NEG -> -a;
                case ABS -> Math.abs(a);
                case SQRT -> (float) Math.sqrt(a);
                case EXP -> (float) Math.exp(a);
                case LOG -> (float) Math.log(a);
                case RECIPROCAL -> 1f / a;
                case FLOOR -> (float) Math.floor(a);
                case CEIL -> (float) Math.ceil(a);
                case ROUND -> (float) Math.rint(a); // ONNX rounds halves to even
                case ERF -> (float) erf(a);
                case NOT -> a == 0 ? 1f : 0f;
                case SIGN -> Math.signum(a);
                case HARD_SWISH -> a * Math.max(0f, Math.min(1f, a / 6f + 0.5f));
            };
        }
        return new Tensor[] {new Tensor(x.shape(), out, x.layout())};
    }

    /** erf: a Taylor series near 0, elsewhere Abramowitz-Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        double r = x >= 0 ? y : -y;
        if (Math.abs(x) < 0.5) {
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; n < 30; n++) {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        }
        return r;
    }
}
