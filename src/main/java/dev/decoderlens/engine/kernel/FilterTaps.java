package dev.decoderlens.engine.kernel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The weights of one convolution pass as a list of kernel taps: for every group, tap and input channel, one row of
 * output-channel weights. Canonical order {@code (group, tap, ci, co)}; the kernels read packed copies of it, made
 * once per block width and kept here, so an operator packs at construction and never again.
 *
 * <p>Both convolution and every stride phase of a transposed convolution are described this way (see
 * {@link ConvJob}): that is how one micro-kernel serves both.
 */
public final class FilterTaps {
    private final int groups;
    private final int taps;
    private final int cinG;
    private final int coutG;
    // canonical: (groups, taps, cinG, coutG)
    private final float[] w;
    private final ConcurrentMap<Integer, float[]> blocked = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, float[][]> rows = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, float[]> channelMajor = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, float[]> derived = new ConcurrentHashMap<>();

    /** @param w values in {@code (groups, taps, cinG, coutG)} order; not copied, never written. */
    public FilterTaps(int groups, int taps, int cinG, int coutG, float[] w) {
        if ((long) groups * taps * cinG * coutG != w.length) {
            throw new IllegalArgumentException("filter taps " + groups + "x" + taps + "x" + cinG + "x" + coutG
                    + " do not match " + w.length + " weights");
        }
        this.groups = groups;
        this.taps = taps;
        this.cinG = cinG;
        this.coutG = coutG;
        this.w = w;
    }

    public int groups() {
        return groups;
    }

    public int taps() {
        return taps;
    }

    public int cinG() {
        return cinG;
    }

    public int coutG() {
        return coutG;
    }

    public float get(int g, int tap, int ci, int co) {
        return w[((g * taps + tap) * cinG + ci) * coutG + co];
    }

    /** Number of output-channel blocks of width {@code nb} per group. */
    public int blocks(int nb) {
        return (coutG + nb - 1) / nb;
    }

    /**
     * Output channels in blocks of {@code nb}, zero-padded: {@code (group, block, tap, ci, nb)}. What the vector
     * micro-kernel streams: for each (tap, ci), the {@code nb} weights of one block are contiguous.
     */
    public float[] blocked(int nb) {
        return blocked.computeIfAbsent(nb, this::packBlocked);
    }

    private float[] packBlocked(int nb) {
        int nBlocks = blocks(nb);
        float[] p = new float[groups * nBlocks * taps * cinG * nb];
        int o = 0;
        for (int g = 0; g < groups; g++) {
            for (int b = 0; b < nBlocks; b++) {
                int co0 = b * nb, width = Math.min(nb, coutG - co0);
                for (int t = 0; t < taps; t++) {
                    for (int ci = 0; ci < cinG; ci++, o += nb) {
                        System.arraycopy(w, ((g * taps + t) * cinG + ci) * coutG + co0, p, o, width);
                    }
                }
            }
        }
        return p;
    }

    /**
     * The same blocks as separate arrays, one per (group, block, tap, ci), indexed
     * {@code [((g * blocks + b) * taps + tap) * cinG + ci]}. The scalar kernel reads these so that its inner loop
     * indexes the weights and the accumulators with the same index, which C2 auto-vectorises.
     */
    public float[][] rows(int nb) {
        return rows.computeIfAbsent(nb, this::packRows);
    }

    private float[][] packRows(int nb) {
        float[] p = blocked(nb);
        float[][] r = new float[p.length / nb][];
        for (int i = 0; i < r.length; i++) {
            r[i] = java.util.Arrays.copyOfRange(p, i * nb, (i + 1) * nb);
        }
        return r;
    }

    /**
     * Output-channel major with input channels contiguous, output channels padded to a multiple of {@code cb}:
     * {@code (group, co, tap, ci)}. For layers with very few output channels (an RGB output layer), where the
     * kernel vectorises over input channels instead.
     */
    public float[] channelMajor(int cb) {
        return channelMajor.computeIfAbsent(cb, this::packChannelMajor);
    }

    private float[] packChannelMajor(int cb) {
        int coutP = (coutG + cb - 1) / cb * cb;
        float[] p = new float[groups * coutP * taps * cinG];
        for (int g = 0; g < groups; g++) {
            for (int co = 0; co < coutG; co++) {
                for (int t = 0; t < taps; t++) {
                    int dst = ((g * coutP + co) * taps + t) * cinG;
                    for (int ci = 0; ci < cinG; ci++) {
                        p[dst + ci] = w[((g * taps + t) * cinG + ci) * coutG + co];
                    }
                }
            }
        }
        return p;
    }

    /**
     * Weights a kernel derives from these (a transformed filter), made by {@code make} on first use and kept under
     * {@code key}: like the packings above, an operator's filter is transformed once, not at every run.
     */
    float[] derived(String key, java.util.function.Supplier<float[]> make) {
        return derived.computeIfAbsent(key, k -> make.get());
    }
}
