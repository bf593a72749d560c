package dev.decoderlens.app.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.io.Images;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.io.SourceImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open model": a user's ONNX model run on the crop, its layers browsable; a bad file or crop says why. */
class ModelViewModelTest {
    static final Path UNET = Path.of("src/test/resources/fixtures/onnx/unet_small.onnx");

    @TempDir
    Path dir;

    @Test
    void aModelRunsOnTheCropAndEveryImageLayerHasItsGrid() throws Exception {
        ModelViewModel m = new ModelViewModel(Background.DIRECT);
        assertTrue(m.open(UNET), m.messageProperty().get());
        SourceImage img = Images.read(TestImages.gradient(dir, "g.png", 40, 30));
        m.run(img.crop(3, 2, 16, 16), InputScaling.UNIT_0_1, ColorMap.VIRIDIS, Normalization.PER_LAYER);
        assertFalse(m.layersProperty().isEmpty(), m.messageProperty().get());
        for (ModelViewModel.ModelLayer l : m.layersProperty()) {
            m.selectedProperty().set(l);
            assertNotNull(m.gridProperty().get(), l.name());
            assertEquals(l.activation().dim(1), m.gridProperty().get().layout().tiles(), l.name());
        }
    }

    @Test
    void aCropOfAnotherSizeIsScaledToTheModelsFixedInput() throws Exception {
        ModelViewModel m = new ModelViewModel(Background.DIRECT);
        assertTrue(m.open(UNET)); // fixes its input at 16x16
        SourceImage img = Images.read(TestImages.gradient(dir, "g.png", 40, 30));
        m.run(img.crop(0, 0, 24, 24), InputScaling.UNIT_0_1, ColorMap.VIRIDIS, Normalization.PER_LAYER);
        assertFalse(m.layersProperty().isEmpty(), m.messageProperty().get());
        assertEquals(16, m.layersProperty().getFirst().activation().dim(3), "the first layer sees the 16-wide input");
    }

    @Test
    void aBrokenFileIsExplainedAndThePreviousModelStays() throws Exception {
        ModelViewModel m = new ModelViewModel(Background.DIRECT);
        assertTrue(m.open(UNET));
        assertFalse(m.open(TestImages.broken(dir)));
        assertTrue(m.messageProperty().get().contains("broken.png"), m.messageProperty().get());
        assertEquals(UNET, m.modelProperty().get().source(), "the previous model stays");
    }
}
