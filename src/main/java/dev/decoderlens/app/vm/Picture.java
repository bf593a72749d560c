package dev.decoderlens.app.vm;

import dev.decoderlens.io.SourceImage;
import dev.decoderlens.render.ArgbImage;
import java.nio.file.Path;

/**
 * A source image as the window holds it: a name, where it came from (null when pasted or bundled in memory), the
 * decoded 8-bit RGB image the network input is cut from, and the same pixels as ARGB for display.
 */
public record Picture(String name, Path path, SourceImage image, ArgbImage pixels) {

    public static Picture of(String name, Path path, SourceImage image) {
        return new Picture(name, path, image, new ArgbImage(image.width(), image.height(), image.argb()));
    }

    public int width() {
        return image.width();
    }

    public int height() {
        return image.height();
    }

    /** What reading the file changed ("alpha channel dropped"), or "". */
    public String note() {
        return image.note();
    }
}
