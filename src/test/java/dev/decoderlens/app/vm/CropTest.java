package dev.decoderlens.app.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CropTest {
    @Test
    void sidesSnapToTheStrideWithinSixteenAndTheImage() {
        assertEquals(new Crop(0, 0, 100, 48), new Crop(0, 0, 101, 49).fitted(640, 480, 4));
        assertEquals(16, new Crop(0, 0, 3, 3).fitted(640, 480, 4).width(), "never below 16");
        assertEquals(24, new Crop(0, 0, 3, 3).fitted(640, 480, 12).width(), "never below 16, rounded up to the stride");
        Crop big = new Crop(0, 0, 5000, 5000).fitted(1023, 767, 4);
        assertEquals(1020, big.width());
        assertEquals(764, big.height());
    }

    @Test
    void positionStaysInsideTheImage() {
        Crop c = new Crop(600, 470, 64, 64).fitted(640, 480, 4);
        assertEquals(576, c.x());
        assertEquals(416, c.y());
        assertEquals(new Crop(0, 0, 64, 64), c.moved(-1000, -1000, 640, 480));
        assertEquals(new Crop(575, 416, 64, 64), c.moved(-1, 0, 640, 480));
        assertEquals(c, c.moved(1, 1, 640, 480), "already at the bottom-right corner");
    }

    @Test
    void centredCropAndTooSmallImages() {
        assertEquals(new Crop(256, 128, 512, 512), Crop.centred(512, 1024, 768, 4));
        assertTrue(Crop.fits(16, 16, 4));
        assertFalse(Crop.fits(15, 100, 4));
    }
}
