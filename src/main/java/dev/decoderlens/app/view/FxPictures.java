package dev.decoderlens.app.view;

import dev.decoderlens.io.Images;
import dev.decoderlens.io.SourceImage;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;

/** A JavaFX image (from the clipboard) as the 8-bit RGB image the network input is cut from. */
final class FxPictures {
    private FxPictures() {
    }

    static SourceImage toSource(Image img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return Images.fromArgb(w, h, argb);
    }
}
