package dev.decoderlens.app.view;

import dev.decoderlens.app.fx.FxImages;
import dev.decoderlens.app.vm.Crop;
import dev.decoderlens.app.vm.ImageViewModel;
import dev.decoderlens.app.vm.Picture;
import javafx.scene.Cursor;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;

/**
 * The source image with the crop rectangle: drag inside to move it, drag the corner handle to resize it (sides
 * snap to the encoder's stride), arrow keys move it by a pixel (Shift: by 16). Outside the crop is shaded so the
 * eye finds what the network sees.
 */
public final class CropView extends Region {
    private static final double HANDLE = 12;

    private final ImageViewModel vm;
    private final ImageView imageView = new ImageView();
    private final Path shade = new Path();
    private final Rectangle frame = new Rectangle();
    private final Rectangle handle = new Rectangle(HANDLE, HANDLE);
    private double scale = 1, offX, offY;
    private double pressX, pressY;
    private Crop pressCrop;
    private boolean resizing;

    public CropView(ImageViewModel vm) {
        this.vm = vm;
        getStyleClass().add("crop-view");
        setId("cropView");
        imageView.setSmooth(true);
        shade.getStyleClass().add("crop-shade");
        shade.setFillRule(FillRule.EVEN_ODD);
        shade.setMouseTransparent(true);
        frame.getStyleClass().add("crop-frame");
        handle.getStyleClass().add("crop-handle");
        handle.setCursor(Cursor.SE_RESIZE);
        frame.setCursor(Cursor.MOVE);
        getChildren().addAll(imageView, shade, frame, handle);
        setFocusTraversable(true);
        setMinSize(120, 90);
        Tooltip.install(this, new Tooltip("Drag the rectangle to choose what the network sees; drag its corner to resize "
                + "(sides snap to the encoder's stride); arrow keys move it (Shift: 16 px)."));

        vm.pictureProperty().addListener((o, a, p) -> {
            imageView.setImage(p == null ? null : FxImages.of(p.pixels()));
            requestLayout();
        });
        if (vm.picture() != null) {
            imageView.setImage(FxImages.of(vm.picture().pixels()));
        }
        vm.cropProperty().addListener((o, a, c) -> placeCrop());

        frame.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> press(e, false));
        handle.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> press(e, true));
        frame.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        handle.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    private void press(MouseEvent e, boolean resize) {
        requestFocus();
        pressX = e.getSceneX();
        pressY = e.getSceneY();
        pressCrop = vm.crop();
        resizing = resize;
        e.consume();
    }

    private void drag(MouseEvent e) {
        if (pressCrop == null) {
            return;
        }
        int dx = (int) Math.round((e.getSceneX() - pressX) / scale);
        int dy = (int) Math.round((e.getSceneY() - pressY) / scale);
        Crop c = pressCrop;
        if (resizing) {
            vm.setCrop(new Crop(c.x(), c.y(), c.width() + dx, c.height() + dy));
        } else {
            vm.setCrop(new Crop(c.x() + dx, c.y() + dy, c.width(), c.height()));
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        int step = e.isShiftDown() ? 16 : 1;
        switch (e.getCode()) {
            case LEFT -> vm.moveCrop(-step, 0);
            case RIGHT -> vm.moveCrop(step, 0);
            case UP -> vm.moveCrop(0, -step);
            case DOWN -> vm.moveCrop(0, step);
            default -> {
                return;
            }
        }
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        Picture p = vm.picture();
        if (p == null) {
            return;
        }
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        scale = Math.min(w / p.width(), h / p.height());
        double iw = p.width() * scale, ih = p.height() * scale;
        offX = snappedLeftInset() + (w - iw) / 2;
        offY = snappedTopInset() + (h - ih) / 2;
        imageView.setFitWidth(iw);
        imageView.setFitHeight(ih);
        imageView.relocate(offX, offY);
        placeCrop();
    }

    private void placeCrop() {
        Crop c = vm.crop();
        Picture p = vm.picture();
        if (c == null || p == null) {
            return;
        }
        double x = offX + c.x() * scale, y = offY + c.y() * scale;
        double w = c.width() * scale, h = c.height() * scale;
        frame.setX(x);
        frame.setY(y);
        frame.setWidth(w);
        frame.setHeight(h);
        handle.setX(x + w - HANDLE / 2);
        handle.setY(y + h - HANDLE / 2);
        double ix = offX, iy = offY, iw = p.width() * scale, ih = p.height() * scale;
        shade.getElements().setAll(
                new MoveTo(ix, iy), new LineTo(ix + iw, iy), new LineTo(ix + iw, iy + ih), new LineTo(ix, iy + ih), new ClosePath(),
                new MoveTo(x, y), new LineTo(x + w, y), new LineTo(x + w, y + h), new LineTo(x, y + h), new ClosePath());
    }
}
