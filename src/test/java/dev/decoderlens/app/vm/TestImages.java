package dev.decoderlens.app.vm;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small images written for tests: a smooth colour gradient, so every crop has structure. */
public final class TestImages {
    private TestImages() {
    }

    public static Path gradient(Path dir, String name, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 255 * x / Math.max(1, w - 1), g = 255 * y / Math.max(1, h - 1), b = (x * 7 + y * 3) & 0xff;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    public static Path broken(Path dir) throws IOException {
        Path p = dir.resolve("broken.png");
        Files.write(p, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5});
        return p;
    }
}
