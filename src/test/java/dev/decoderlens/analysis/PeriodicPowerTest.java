package dev.decoderlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The phase-grid computation of the periodic bins against the plain reading of a full FFT power spectrum. */
class PeriodicPowerTest {

    /** The obvious way: the whole spectrum, then the periodic bins and their neighbourhoods. */
    private static double[] reference(float[] m, int w, int y0, int x0, int rh, int rw, int s) {
        PowerSpectrum p = PowerSpectrum.of(m, w, y0, x0, rh, rw);
        int stepU = rh / s, stepV = rw / s, r = Checkerboard.NEIGHBOURHOOD;
        double peaks = 0, excess = 0;
        for (int j = 0; j < s; j++) {
            for (int k = 0; k < s; k++) {
                if (j == 0 && k == 0) {
                    continue;
                }
                int u = j * stepU, v = k * stepV;
                double sum = 0;
                int n = 0;
                for (int du = -r; du <= r; du++) {
                    for (int dv = -r; dv <= r; dv++) {
                        int uu = Math.floorMod(u + du, rh), vv = Math.floorMod(v + dv, rw);
                        if (uu % stepU == 0 && vv % stepV == 0) {
                            continue;
                        }
                        sum += p.at(uu, vv);
                        n++;
                    }
                }
                peaks += p.at(u, v);
                excess += Math.max(0, p.at(u, v) - (n == 0 ? 0 : sum / n));
            }
        }
        return new double[] {peaks, excess};
    }

    @Test
    void agreesWithTheFullSpectrumOnRandomMapsStridesAndShapes() {
        Random rnd = new Random(42);
        int[][] cases = {{2, 32, 32}, {2, 6, 10}, {3, 27, 21}, {4, 64, 48}, {4, 8, 8}, {2, 4, 4}};
        for (int[] c : cases) {
            int s = c[0], h = c[1] + 3, w = c[2] + 5;
            float[] m = new float[h * w];
            for (int i = 0; i < m.length; i++) {
                // noise plus a period-s pattern, so both peaks and background matter
                m[i] = (float) (rnd.nextGaussian() + ((i / w) % s == 0 ? 0.7 : 0) + ((i % w) % s == 1 ? -0.4 : 0));
            }
            int y0 = 2, x0 = 3;
            double mean = 0;
            for (int y = 0; y < c[1]; y++) {
                for (int x = 0; x < c[2]; x++) {
                    mean += m[(y0 + y) * w + x0 + x];
                }
            }
            mean /= c[1] * c[2];
            double[] fast = PeriodicPower.peaksAndExcess(m, w, y0, x0, c[1], c[2], s, mean);
            double[] ref = reference(m, w, y0, x0, c[1], c[2], s);
            String what = "s=" + s + " " + c[1] + "x" + c[2];
            assertEquals(ref[0], fast[0], 1e-9 * Math.max(1, ref[0]), what + " peaks");
            assertEquals(ref[1], fast[1], 1e-9 * Math.max(1, ref[1]), what + " excess");
        }
    }
}
