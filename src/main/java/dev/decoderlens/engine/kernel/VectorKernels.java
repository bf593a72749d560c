package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.NB;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * Kernels on {@code jdk.incubator.vector} ({@code FloatVector.SPECIES_PREFERRED}). Loaded only through
 * {@link KernelProvider} by reflection ({@link #create()}), so a JVM without the incubator module never links it.
 * Row scheduling is inherited from {@link ScalarKernels}; only the work on one output row differs.
 */
public final class VectorKernels extends ScalarKernels {
    /**
     * Weights visited per pass over a row: a quarter of the 1 MB L2 cache of a Zen 5 core (measured: 256 KB and
     * 512 KB alike, 2 MB slower).
     */
    private static final int PANEL_BYTES = Integer.getInteger("decoderlens.panelBytes", 256 * 1024);

    /**
     * Whether every micro-kernel is used: Winograd's transforms for 3x3 layers and 2x2 phases, the dot-product tiles
     * for layers with few output channels. False: the panels alone (see {@link #forColdJit}).
     */
    private final boolean allKernels;
    private VectorKernels panelsOnly;

    private VectorKernels(boolean allKernels) {
        this.allKernels = allKernels;
    }

    /** The factory {@link KernelProvider} calls. */
    public static Kernels create() {
        VectorKernels k = new VectorKernels(true);
        KernelWarmUp.startIn(k);
        return k;
    }

    @Override
    public synchronized Kernels forColdJit() {
        if (!allKernels) {
            return this;
        }
        if (panelsOnly == null) {
            panelsOnly = new VectorKernels(false);
        }
        return panelsOnly;
    }

    @Override
    public void warmUpInBackground() {
        KernelWarmUp.startLater(this);
    }

    @Override
    public String name() {
        return "vector (" + VL * 32 + "-bit, " + VL + " floats)";
    }

    /** C2 does not vectorise the scalar loop (two arrays at different offsets may alias). */
    @Override
    public void maxInto(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (; i <= n - VL; i += VL) {
            FloatVector.fromArray(VectorTiles.S, y, yo + i).max(FloatVector.fromArray(VectorTiles.S, x, xo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Math.max(y[yo + i], x[xo + i]);
        }
    }

    @Override
    public void prepare(FilterTaps f) {
        if (dots(f)) {
            f.channelMajor(VectorDotTiles.CO);
        } else {
            f.blocked(NB);
        }
    }

    /**
     * Few output channels and enough input channels: vectorise over input channels (dot products) rather than
     * pad a {@value VectorTiles#NB}-channel panel with zeros. Not in the set for a cold JIT ({@link #forColdJit}).
     */
    boolean dots(FilterTaps f) {
        return allKernels && f.coutG() <= 2 * VectorDotTiles.CO && f.cinG() >= VL;
    }

    @Override
    public boolean winograd(Winograd.Job job, CancellationToken cancel) {
        if (!allKernels || !VectorWinograd.fits(job)) {
            return false; // the direct vector kernels beat the plain Winograd
        }
        Winograd.convolve(job, cancel, VectorWinograd::segment);
        return true;
    }

    @Override
    protected void convolveRows(ConvJob job, ConvJob.Phase ph, int n, int t0, int t1) {
        VectorWinograd2x2.Square square;
        if (ph.taps() > 0 && dots(ph.filter())) {
            dotRows(job, ph, n, t0, t1);
        } else if (allKernels && t1 - t0 >= 2 && (square = VectorWinograd2x2.square(job, ph)) != null) {
            int done = VectorWinograd2x2.rows(job, ph, square, n, t0, t1);
            if (job.act() != Activation.RELU) { // ReLU is fused into the output transform
                for (int t = t0; t < done; t++) {
                    activateRow(job, ph, job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0()));
                }
            }
            super.convolveRows(job, ph, n, done, t1); // an odd last row
        } else {
            super.convolveRows(job, ph, n, t0, t1);
        }
    }

    @Override
    protected void convolveRow(ConvJob job, ConvJob.Phase ph, int n, int t) {
        FilterTaps f = ph.filter();
        if (f.taps() == 0) {
            super.convolveRow(job, ph, n, t); // bias only: nothing to vectorise
        } else if (dots(f)) {
            dotRows(job, ph, n, t, t + 1);
        } else {
            panelRow(job, ph, n, t);
        }
    }

    /*
     * Tiling of a row of `cols` pixels by tiles of `width`: full tiles side by side, the last one moved back so that
     * it ends at the row's end and overlaps its neighbour. The overlapped pixels are computed twice, with the same
     * bits, instead of by one-pixel tiles: those have two accumulators and run at a quarter of the speed (on a
     * 128-pixel row, two of them cost as much as eight pixels). Rows narrower than a tile go one pixel at a time.
     */

    static int tiles(int cols, int width) {
        return cols >= width ? (cols + width - 1) / width : cols;
    }

    static int tileWidth(int cols, int width) {
        return cols >= width ? width : 1;
    }

    static int tileStart(int i, int cols, int width) {
        return cols >= width ? Math.min(i * width, cols - width) : i;
    }

    /** Input offsets of every tap for the tile starting at column u0 of row t, group g. */
    private static void tapBases(ConvJob job, ConvJob.Phase ph, int n, int t, int u0, int g, int[] base) {
        for (int tap = 0; tap < base.length; tap++) {
            base[tap] = job.inOffset(n, t * ph.strideH() + ph.dy()[tap], u0 * ph.strideW() + ph.dx()[tap])
                    + g * job.cinG();
        }
    }

    /**
     * One output row through the {@link VectorTiles} panels. Channel blocks are visited in chunks whose weights fit
     * in the L2 cache ({@value #PANEL_BYTES} bytes), tiles inside a chunk, blocks inside a tile: the tile's input
     * stays in L1 while the chunk's weights stay in L2.
     */
    private static void panelRow(ConvJob job, ConvJob.Phase ph, int n, int t) {
        FilterTaps f = ph.filter();
        int taps = ph.taps(), cinG = f.cinG(), coutG = job.coutG(); // the filter's cinG: taps may be folded
        int pstep = ph.strideW() * job.inC(), ostep = ph.stepW() * job.outC();
        int outRow = job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0());
        float[] w = f.blocked(NB);
        int blocks = f.blocks(NB);
        int panel = taps * cinG * NB;
        int chunk = Math.max(1, PANEL_BYTES / (4 * panel));
        Activation act = job.act();
        boolean relu = act == Activation.RELU;
        int[] base = new int[taps];
        float[] scratch = new float[VectorTiles.PIXELS * NB];
        float[] padBias = new float[NB];
        for (int g = 0; g < job.groups(); g++) {
            for (int b0 = 0; b0 < blocks; b0 += chunk) {
                for (int i = 0, n8 = tiles(ph.cols(), VectorTiles.PIXELS); i < n8; i++) {
                    int u0 = tileStart(i, ph.cols(), VectorTiles.PIXELS);
                    int tile = tileWidth(ph.cols(), VectorTiles.PIXELS);
                    tapBases(job, ph, n, t, u0, g, base);
                    if (taps == 1 && b0 == 0) {
                        touchAhead(job.in(), base[0] + VectorTiles.PIXELS * pstep, VectorTiles.PIXELS * pstep);
                    }
                    for (int b = b0; b < Math.min(blocks, b0 + chunk); b++) {
                        int co0 = g * coutG + b * NB;
                        int width = Math.min(NB, coutG - b * NB);
                        int o = outRow + u0 * ostep + co0;
                        int wo = (g * blocks + b) * panel;
                        // A partial channel block goes through scratch buffers so the micro-kernels need no masks.
                        boolean partial = width < NB;
                        float[] bias = job.bias(), dst = job.out();
                        int biasOff = co0, d = o, dstep = ostep;
                        if (partial) {
                            System.arraycopy(job.bias(), co0, padBias, 0, width);
                            bias = padBias;
                            dst = scratch;
                            biasOff = 0;
                            d = 0;
                            dstep = NB;
                        }
                        if (tile == VectorTiles.PIXELS) {
                            VectorTiles.tile8(job.in(), base, pstep, cinG, w, wo, bias, biasOff, dst, d, dstep, relu);
                        } else {
                            VectorTiles.tile1(job.in(), base, cinG, w, wo, bias, biasOff, dst, d, relu);
                        }
                        for (int p = 0; p < tile && partial; p++) {
                            System.arraycopy(scratch, p * NB, job.out(), o + p * ostep, width);
                        }
                    }
                }
            }
        }
        if (!relu) {
            activateRow(job, ph, outRow);
        }
    }

    /** Keeps {@link #touchAhead} loads alive. */
    private static float sink;

    /**
     * Reads one value per cache line of the next tile's input. Java has no prefetch instruction; 1-tap layers (1x1
     * convolutions, transposed-convolution phases) stream their input from memory once, as eight interleaved
     * streams that the hardware prefetchers follow too late. Measured: a 1x1 layer 77 -> 125 GFLOP/s on one core,
     * the 2x2 stride-2 benchmark layer about 1.5x faster on two. (3x3 layers reuse their input from cache and
     * showed no gain.)
     */
    private static void touchAhead(float[] in, int from, int length) {
        int end = Math.min(in.length, from + length);
        float s = 0;
        for (int i = from; i < end; i += 16) {
            s += in[i];
        }
        sink = s;
    }

    /** Applies the fused activation to everything one row task wrote (all groups and channels of its pixels). */
    private static void activateRow(ConvJob job, ConvJob.Phase ph, int outRow) {
        int c = job.outC();
        if (ph.stepW() == 1) {
            VectorActivations.apply(job.act(), job.out(), outRow, outRow + ph.cols() * c);
            return;
        }
        for (int u = 0; u < ph.cols(); u++) {
            int o = outRow + u * ph.stepW() * c;
            VectorActivations.apply(job.act(), job.out(), o, o + c);
        }
    }

    /**
     * Output rows [t0, t1) through the {@link VectorDotTiles} (few output channels). Tiles outside, rows inside:
     * these layers have the largest inputs (256 channels at full resolution), and walking all rows of the band at
     * each tile position reads every input row from memory once per band instead of once per output row.
     */
    private static void dotRows(ConvJob job, ConvJob.Phase ph, int n, int t0, int t1) {
        FilterTaps f = ph.filter();
        int taps = ph.taps(), cinG = f.cinG(), coutG = job.coutG(), cb = VectorDotTiles.CO;
        int pstep = ph.strideW() * job.inC(), ostep = ph.stepW() * job.outC();
        float[] w = f.channelMajor(cb);
        int blocks = f.blocks(cb), coStride = taps * cinG;
        int[] base = new int[taps];
        boolean rgb = coutG == 3 && cinG % VL == 0;
        float[] acc = VectorDotTiles.scratch();
        for (int g = 0; g < job.groups(); g++) {
            int big = rgb ? 8 : 4, tile = tileWidth(ph.cols(), big);
            for (int i = 0, nt = tiles(ph.cols(), big); i < nt; i++) {
                int u0 = tileStart(i, ph.cols(), big);
                for (int t = t0; t < t1; t++) {
                    int outRow = job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0());
                    tapBases(job, ph, n, t, u0, g, base);
                    if (tile == 8) {
                        VectorDotTiles.tile8rgb(job.in(), base, pstep, cinG, w, g * blocks * cb * coStride, coStride,
                                job.bias(), g * coutG, job.out(), outRow + u0 * ostep + g * coutG, ostep, acc);
                        continue;
                    }
                    for (int b = 0; b < blocks; b++) {
                        int co0 = g * coutG + b * cb;
                        int width = Math.min(cb, coutG - b * cb);
                        int o = outRow + u0 * ostep + co0;
                        int wo = (g * blocks * cb + b * cb) * coStride;
                        if (tile == 4) {
                            VectorDotTiles.tile4(job.in(), base, pstep, cinG, w, wo, coStride, job.bias(), co0,
                                    width, job.out(), o, ostep, acc);
                        } else {
                            VectorDotTiles.tile1(job.in(), base, pstep, cinG, w, wo, coStride, job.bias(), co0,
                                    width, job.out(), o, ostep);
                        }
                    }
                }
            }
        }
        for (int t = t0; t < t1; t++) {
            activateRow(job, ph, job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0()));
        }
    }
}
