package dev.decoderlens.io;

/** Whether the network sees three colour channels or one grey channel. */
public enum ColorMode {
    RGB(3),
    /** ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B, the grey conversion of PIL ("L") and Keras' image utilities. */
    GRAYSCALE(1);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }
}
