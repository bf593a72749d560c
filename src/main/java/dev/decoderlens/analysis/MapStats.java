package dev.decoderlens.analysis;

/**
 * Summary statistics of a set of values (one filter's map, a whole layer). Moments count only finite values;
 * NaN and infinities are counted apart, so one bad value does not hide the rest.
 *
 * @param saturatedLow  values within {@link #SATURATION_EPS} of the activation's lower limit (0 when unbounded)
 * @param saturatedHigh values within {@link #SATURATION_EPS} of its upper limit
 * @param zeros         values exactly 0 (a ReLU's "off")
 */
public record MapStats(long count, double min, double max, double mean, double std, long nanCount, long infCount,
                       long zeros, long saturatedLow, long saturatedHigh) {

    /** How close to a limit of sigmoid or tanh a value must be to count as saturated. */
    public static final double SATURATION_EPS = 1e-3;

    public static final MapStats EMPTY = new MapStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0);

    /** Statistics of {@code v[from, to)}; {@code low}/{@code high} are the activation's limits (infinite when unbounded). */
    public static MapStats of(float[] v, int from, int to, double low, double high) {
        return new Accumulator(low, high).add(v, from, to).stats();
    }

    public static MapStats of(float[] v) {
        return of(v, 0, v.length, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Share of finite values at either limit (0..1). */
    public double saturatedShare() {
        long finite = count - nanCount - infCount;
        return finite == 0 ? 0 : (double) (saturatedLow + saturatedHigh) / finite;
    }

    public double highShare() {
        long finite = count - nanCount - infCount;
        return finite == 0 ? 0 : (double) saturatedHigh / finite;
    }

    public double lowShare() {
        long finite = count - nanCount - infCount;
        return finite == 0 ? 0 : (double) saturatedLow / finite;
    }

    /** All values exactly zero: a filter that a ReLU switched off everywhere. */
    public boolean dead() {
        return count > 0 && zeros == count;
    }

    /** Adds values one array range at a time; merges the moments exactly (sums in double). */
    public static final class Accumulator {
        private final double low;
        private final double high;
        private long count, nan, inf, zeros, satLow, satHigh, finite;
        private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum, sumSq;

        public Accumulator(double low, double high) {
            this.low = low + SATURATION_EPS;
            this.high = high - SATURATION_EPS;
        }

        public Accumulator add(float[] v, int from, int to) {
            for (int i = from; i < to; i++) {
                float x = v[i];
                count++;
                if (Float.isNaN(x)) {
                    nan++;
                    continue;
                }
                if (Float.isInfinite(x)) {
                    inf++;
                    continue;
                }
                finite++;
                if (x < min) {
                    min = x;
                }
                if (x > max) {
                    max = x;
                }
                sum += x;
                sumSq += (double) x * x;
                if (x == 0) {
                    zeros++;
                }
                if (x <= low) {
                    satLow++;
                } else if (x >= high) {
                    satHigh++;
                }
            }
            return this;
        }

        /** Adds everything another accumulator (with the same limits) has seen. */
        public Accumulator merge(Accumulator o) {
            count += o.count;
            nan += o.nan;
            inf += o.inf;
            zeros += o.zeros;
            satLow += o.satLow;
            satHigh += o.satHigh;
            finite += o.finite;
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
            sum += o.sum;
            sumSq += o.sumSq;
            return this;
        }

        public MapStats stats() {
            if (finite == 0) {
                return new MapStats(count, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan, inf, zeros, 0, 0);
            }
            double mean = sum / finite;
            double var = Math.max(0, sumSq / finite - mean * mean);
            return new MapStats(count, min, max, mean, Math.sqrt(var), nan, inf, zeros, satLow, satHigh);
        }
    }
}
