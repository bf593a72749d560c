package dev.decoderlens.engine.op;

/**
 * The windows of a pool along one spatial axis: for each output index the input positions inside the image
 * ({@link #first}/{@link #count} into {@link #positions}) and how many taps fall inside image + padding (the
 * divisor of an average pool that counts padding).
 */
record PoolAxis(int in, int out, int padBegin, int[] first, int[] count, int[] positions, int[] withPad) {

    static PoolAxis of(int in, int k, int s, int d, int padB, int padE, AutoPad autoPad, boolean ceil, String op) {
        int ek = (k - 1) * d + 1;
        int out;
        switch (autoPad) {
            case VALID -> {
                padB = 0;
                padE = 0;
                out = in >= ek ? (in - ek) / s + 1 : 0;
            }
            case SAME_UPPER, SAME_LOWER -> {
                out = (in + s - 1) / s;
                int total = Math.max(0, (out - 1) * s + ek - in);
                padB = autoPad == AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                padE = total - padB;
            }
            default -> {
                int span = in + padB + padE - ek;
                out = span < 0 ? 0 : (ceil ? Math.ceilDiv(span, s) : span / s) + 1;
                // PyTorch/ONNX Runtime: the last window must start inside the image or its top/left padding.
                if (ceil && out > 0 && (long) (out - 1) * s >= in + padB) {
                    out--;
                }
            }
        }
        if (out <= 0) {
            throw new IllegalArgumentException(op + " window of " + k + (d > 1 ? " (dilation " + d + ")" : "")
                    + " does not fit an input of " + in + " with padding " + padB + "+" + padE);
        }
        int[] first = new int[out], count = new int[out], withPad = new int[out];
        int[] positions = new int[out * k];
        int n = 0;
        for (int o = 0; o < out; o++) {
            first[o] = n;
            int start = o * s - padB;
            for (int t = 0; t < k; t++) {
                int pos = start + t * d;
                if (pos >= 0 && pos < in) {
                    positions[n++] = pos;
                }
                if (pos < in + padE) {
                    withPad[o]++;
                }
            }
            count[o] = n - first[o];
        }
        return new PoolAxis(in, out, padB, first, count, positions, withPad);
    }
}
