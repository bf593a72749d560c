package dev.decoderlens.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.Normalization;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A grid larger than {@link FilterGrid#PREVIEW_SIDE}, headless: fitted into a 300-pixel view it shows its preview
 * (every third pixel), zoomed in beyond the preview's resolution the full image; the pointer finds the same filters
 * either way.
 */
@ExtendWith(ApplicationExtension.class)
class GridViewTest {
    GridView view;
    FilterGrid grid;

    @Start
    void start(Stage stage) {
        // 64 maps of 130x130: a grid 1054 pixels wide, its preview 352
        Random r = new Random(3);
        float[] d = new float[64 * 130 * 130];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        grid = FilterGrid.render(Tensor.of(new int[] {1, 64, 130, 130}, d),
                FilterGrid.Settings.of(ColorMap.VIRIDIS, Normalization.PER_LAYER, 1));
        view = new GridView();
        view.pictureProperty().set(grid);
        stage.setScene(new Scene(view, 300, 300));
        stage.show();
    }

    private ImageView imageView() {
        return (ImageView) ((Group) view.getContent()).getChildrenUnmodifiable().get(0);
    }

    @Test
    void aFittedGridShowsItsPreviewAndAZoomedOneTheFullImage(FxRobot robot) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(grid.preview());
        assertEquals(grid.preview().width(), imageView().getImage().getWidth(), "fitted in 300 pixels: the preview");
        var shownPreview = imageView().getImage();

        robot.moveTo(view.tileCentreOnScreen(37));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(37, view.hoverHitProperty().get().filter(), "the preview's pixels map to the full grid's tiles");

        assertFalse(grid.imageDrawn(), "nothing has asked for the full image yet");
        robot.interact(() -> view.setZoom(4));
        // drawn on a thread of its own, the preview standing in meanwhile
        assertTrue(imageView().getImage() == shownPreview || grid.imageDrawn());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> imageView().getImage() != shownPreview);
        assertEquals(grid.image().width(), imageView().getImage().getWidth(), "zoomed to 4x: the full image");
        // four times the viewport's width, which the vertical scroll bar now narrows
        assertEquals(4 * (view.getViewportBounds().getWidth() - 2), imageView().getFitWidth(), 1e-9);
        assertEquals(grid.image().height() * imageView().getFitWidth() / grid.image().width(), imageView().getFitHeight(), 1e-9);

        robot.interact(() -> view.setZoom(1));
        assertSame(shownPreview, imageView().getImage(), "back to fitted: the same preview, not made again");
    }
}
