package dev.decoderlens.app.fx;

import dev.decoderlens.render.ArgbImage;
import java.nio.IntBuffer;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Hands pixels filled off the FX thread to JavaFX without a copy. Opaque ARGB equals premultiplied ARGB, which is
 * what {@link PixelBuffer} wants. Call on the FX thread; the image shares the picture's array.
 */
public final class FxImages {
    private FxImages() {
    }

    public static WritableImage of(ArgbImage picture) {
        if (picture == null || picture.width() == 0 || picture.height() == 0) {
            return null;
        }
        PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(picture.width(), picture.height(),
                IntBuffer.wrap(picture.pixels()), PixelFormat.getIntArgbPreInstance());
        return new WritableImage(buffer);
    }
}
