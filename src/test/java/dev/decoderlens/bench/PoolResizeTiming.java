package dev.decoderlens.bench;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.MaxPool2D;
import dev.decoderlens.engine.op.PoolSpec;
import dev.decoderlens.engine.op.Resize;
import dev.decoderlens.engine.op.ResizeSpec;
import java.util.Arrays;
import java.util.Random;

/**
 * Throwaway timing main (not a test): median wall time of the pooling and resize shapes of network B at 512x512.
 * Run it by hand on a quiet machine; see docs/PERFORMANCE.md "Pooling and resize".
 */
public final class PoolResizeTiming {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        time("MaxPool 2x2 s2 (1,64,512,512)", new MaxPool2D(PoolSpec.of(2, 2)), input(64, 512, 512), runs);
        time("MaxPool 2x2 s2 (1,256,256,256)", new MaxPool2D(PoolSpec.of(2, 2)), input(256, 256, 256), runs);
        time("Resize nearest x2 (1,256,256,256)", new Resize(ResizeSpec.kerasNearest(2, 2)), input(256, 256, 256), runs);
        time("Resize bilinear x2 (1,256,256,256)", new Resize(ResizeSpec.kerasBilinear(2, 2)), input(256, 256, 256), runs);
    }

    private static Tensor input(int c, int h, int w) {
        float[] d = new float[c * h * w];
        Random r = new Random(1);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return Tensor.nhwc(1, c, h, w, d);
    }

    private static void time(String name, Op op, Tensor x, int runs) {
        ExecContext ctx = ExecContext.defaults();
        for (int i = 0; i < 5; i++) {
            op.apply(new Tensor[] {x}, ctx);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            op.apply(new Tensor[] {x}, ctx);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-38s median %7.2f ms  (min %.2f, max %.2f, %d runs)%n", name, ms[runs / 2], ms[0],
                ms[runs - 1], runs);
    }
}
