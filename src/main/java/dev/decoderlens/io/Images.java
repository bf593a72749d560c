package dev.decoderlens.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads picture files into {@link SourceImage}s with the JDK's ImageIO: PNG, JPEG, BMP, GIF, and TIFF or WebP
 * where the running JDK has a reader. 8- and 16-bit samples, grey, RGB, RGBA and palette images all end up as
 * 8-bit RGB; what was lost on the way (alpha, precision) is written into {@link SourceImage#note()}.
 *
 * <p>Every failure is an {@link ImageException} with one line in words: a file that is missing, not a picture,
 * truncated, or too large to hold (the size is checked from the header before any pixel is decoded, so a huge
 * image gives a message instead of an {@link OutOfMemoryError}).
 */
public final class Images {
    /** Refused beyond this many pixels: 100 megapixels (e.g. 12000x8000) is far above any useful crop source. */
    public static final long MAX_PIXELS = 100_000_000L;

    /** A picture that could not be read; the message is one line meant for the user. */
    public static final class ImageException extends IOException {
        public ImageException(String message) {
            super(message);
        }

        public ImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Images() {
    }

    /** The file name suffixes the running JDK can decode, lower case without dot ("png", "jpg", ...). */
    public static List<String> readableSuffixes() {
        List<String> out = new ArrayList<>();
        for (String s : ImageIO.getReaderFileSuffixes()) {
            String l = s.toLowerCase(Locale.ROOT);
            if (!l.isEmpty() && !out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    public static SourceImage read(Path file) throws ImageException {
        String name = String.valueOf(file.getFileName());
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name);
        } catch (NoSuchFileException e) {
            throw new ImageException(name + ": no such file");
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    public static SourceImage read(byte[] bytes, String name) throws ImageException {
        return read(new ByteArrayInputStream(bytes), name);
    }

    /** Decodes the first image of a stream; {@code name} only appears in messages. */
    public static SourceImage read(InputStream in, String name) throws ImageException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) {
                throw new ImageException(name + ": cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageException(name + ": not an image this program can read (readable: "
                        + String.join(", ", readableSuffixes()) + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                checkSize(name, format, w, h);
                BufferedImage img = reader.read(0);
                return fromBufferedImage(img);
            } finally {
                reader.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new ImageException(name + ": too large to decode in the memory this program has", e);
        } catch (IOException | RuntimeException e) {
            // ImageIO readers throw IIOException, EOFException, IndexOutOfBounds... on truncated or corrupt files.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageException(name + ": cannot be decoded: broken, truncated or an unsupported variant (" + why + ")", e);
        }
    }

    private static void checkSize(String name, String format, int w, int h) throws ImageException {
        long pixels = (long) w * h;
        if (w < 1 || h < 1) {
            throw new ImageException(name + ": " + format + " image has no pixels (" + w + "x" + h + ")");
        }
        if (pixels > MAX_PIXELS) {
            throw new ImageException(String.format(Locale.ROOT, "%s: %dx%d is %.0f megapixels, more than the %d this program opens; scale it down first",
                    name, w, h, pixels / 1e6, MAX_PIXELS / 1_000_000));
        }
        // Decoding holds the file's raster (up to 8 bytes a pixel for 16-bit RGBA) and our 4-byte copy at once.
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (pixels * 12 > free) {
            throw new ImageException(String.format(Locale.ROOT, "%s: %dx%d needs about %d MB to decode, only %d MB are free",
                    name, w, h, pixels * 12 >> 20, free >> 20));
        }
    }

    /** Converts any decoded image to 8-bit RGB. */
    public static SourceImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        ColorModel cm = img.getColorModel();
        List<String> notes = new ArrayList<>();
        if (cm.hasAlpha()) {
            notes.add("alpha channel dropped");
        }
        int bits = cm.getComponentSize(0);
        if (bits > 8) {
            notes.add(bits + "-bit samples reduced to 8 bits");
        }
        int[] rgb = new int[w * h];
        int type = cm.getColorSpace().getType();
        if (cm instanceof ComponentColorModel && (type == ColorSpace.TYPE_GRAY || cm.getColorSpace().isCS_sRGB())) {
            readSamples(img.getRaster(), cm, type == ColorSpace.TYPE_GRAY, rgb);
        } else {
            // Palette, packed and other colour spaces: let the colour model convert, one row at a time.
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, rgb, y * w, w);
            }
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xffffff;
            }
        }
        return new SourceImage(w, h, rgb, String.join("; ", notes));
    }

    /**
     * Reads grey or sRGB samples straight from the raster, scaling n-bit values to 8 bits. This avoids
     * {@link BufferedImage#getRGB}, which treats 16-bit grey as linear light and brightens it.
     */
    private static void readSamples(Raster r, ColorModel cm, boolean grey, int[] rgb) {
        int w = r.getWidth(), h = r.getHeight();
        int bands = grey ? 1 : 3;
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            scale[b] = 255.0 / ((1L << cm.getComponentSize(b)) - 1);
        }
        int[][] planes = new int[bands][w];
        for (int y = 0; y < h; y++) {
            for (int b = 0; b < bands; b++) {
                r.getSamples(0, y, w, 1, b, planes[b]);
            }
            for (int x = 0; x < w; x++) {
                int v;
                if (grey) {
                    int g = to8(planes[0][x], scale[0]);
                    v = g << 16 | g << 8 | g;
                } else {
                    v = to8(planes[0][x], scale[0]) << 16 | to8(planes[1][x], scale[1]) << 8 | to8(planes[2][x], scale[2]);
                }
                rgb[y * w + x] = v;
            }
        }
    }

    private static int to8(int sample, double scale) {
        return (int) Math.min(255, Math.round(sample * scale));
    }

    /** From opaque or translucent 0xAARRGGBB pixels (a clipboard or JavaFX image); alpha is dropped. */
    public static SourceImage fromArgb(int width, int height, int[] argb) {
        int[] rgb = new int[argb.length];
        boolean translucent = false;
        for (int i = 0; i < rgb.length; i++) {
            translucent |= (argb[i] >>> 24) != 0xff;
            rgb[i] = argb[i] & 0xffffff;
        }
        return new SourceImage(width, height, rgb, translucent ? "alpha channel dropped" : "");
    }
}
