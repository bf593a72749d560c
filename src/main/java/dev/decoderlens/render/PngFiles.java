package dev.decoderlens.render;

import dev.decoderlens.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNG encoding with ImageIO, written atomically (temporary file, then move) through {@link AtomicFiles}. */
public final class PngFiles {
    private PngFiles() {
    }

    /** The PNG bytes of a picture; the same picture always gives the same bytes. */
    public static byte[] encode(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    public static byte[] encode(ArgbImage img) {
        return encode(Typesetter.toBufferedImage(img));
    }

    /** Writes {@code img} as PNG; an existing file is replaced only when {@code overwrite}. */
    public static void write(BufferedImage img, Path file, boolean overwrite) throws IOException {
        byte[] png = encode(img);
        AtomicFiles.write(file, out -> out.write(png), overwrite);
    }

    public static void write(ArgbImage img, Path file, boolean overwrite) throws IOException {
        write(Typesetter.toBufferedImage(img), file, overwrite);
    }
}
