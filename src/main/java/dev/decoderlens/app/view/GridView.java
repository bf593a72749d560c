package dev.decoderlens.app.view;

import dev.decoderlens.app.fx.FxImages;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.GridLayout;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * An activation grid: one pre-rendered image in a scroll pane. Zoom with Ctrl+wheel or the zoom property (1 = the
 * grid fits the width); pixels stay sharp when magnified. Reports the filter under the pointer and clicks. While
 * the grid is displayed no larger than its {@linkplain FilterGrid#preview preview}, the preview is shown: the full
 * image is drawn (on a thread of its own, the preview standing in meanwhile) and handed to the renderer only when
 * zoomed in that far.
 */
public final class GridView extends ScrollPane {
    private final ImageView imageView = new ImageView();
    private final ObjectProperty<FilterGrid> picture = new SimpleObjectProperty<>(this, "picture");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final ObjectProperty<GridLayout.Hit> hover = new SimpleObjectProperty<>(this, "hover");
    private Consumer<GridLayout.Hit> onTileClicked = h -> { };
    /** The picture's images as JavaFX images, made when first shown. */
    private Image full;
    private Image preview;
    /**
     * Draws full images, one at a time: while the crop is dragged with a grid zoomed in, every run brings a new grid,
     * and only the latest one's image is wanted.
     */
    private static final ExecutorService DRAWER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "decoderlens-grid-image");
        t.setDaemon(true);
        return t;
    });
    /** The picture whose full image has been asked for and is not shown yet, if any. */
    private volatile FilterGrid drawing;

    public GridView() {
        getStyleClass().add("grid-view");
        imageView.setSmooth(false);
        imageView.setPreserveRatio(false); // both sides set from the full image: a preview's may round differently
        setContent(new Group(imageView));
        setPannable(false);
        setFitToWidth(false);
        picture.addListener((o, a, p) -> {
            full = null;
            preview = null;
            imageView.setImage(null);
            fit();
        });
        zoom.addListener((o, a, z) -> fit());
        viewportBoundsProperty().addListener((o, a, b) -> fit());
        imageView.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover.set(hitAt(e.getX(), e.getY())));
        imageView.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.set(null));
        imageView.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            GridLayout.Hit h = hitAt(e.getX(), e.getY());
            if (h != null && e.getButton() == MouseButton.PRIMARY) {
                onTileClicked.accept(h);
            }
        });
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                setZoom(zoom.get() * (e.getDeltaY() > 0 ? 1.25 : 0.8));
                e.consume();
            }
        });
    }

    public ObjectProperty<FilterGrid> pictureProperty() {
        return picture;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The filter and map pixel under the pointer, or null. */
    public ObjectProperty<GridLayout.Hit> hoverHitProperty() {
        return hover;
    }

    public void setOnTileClicked(Consumer<GridLayout.Hit> action) {
        onTileClicked = action;
    }

    public void setZoom(double z) {
        zoom.set(Math.max(0.25, Math.min(32, z)));
    }

    /** The scene point of a filter's tile centre, for tests and keyboard access. */
    public Point2D tileCentreOnScreen(int filter) {
        FilterGrid p = picture.get();
        double s = displayScale();
        GridLayout g = p.layout();
        return imageView.localToScreen((g.tileX(filter) + g.tileWidth() / 2.0) * s, (g.tileY(filter) + g.tileHeight() / 2.0) * s);
    }

    private GridLayout.Hit hitAt(double x, double y) {
        FilterGrid p = picture.get();
        double s = displayScale();
        return p == null || s <= 0 ? null : p.layout().hit((int) (x / s), (int) (y / s));
    }

    private double displayScale() {
        FilterGrid p = picture.get();
        return p == null ? 1 : imageView.getFitWidth() / p.layout().width();
    }

    private void fit() {
        FilterGrid p = picture.get();
        if (p == null) {
            return;
        }
        int gridWidth = p.layout().width(), gridHeight = p.layout().height();
        double viewport = Math.max(50, getViewportBounds().getWidth() - 2);
        double fitScale = viewport / gridWidth;
        double width = gridWidth * fitScale * zoom.get();
        // in device pixels: a HiDPI screen shows more of them than the layout's width
        double devicePixels = width * (getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getRenderScaleX() : 1);
        Image shown;
        if (p.preview() != null && (devicePixels <= p.preview().width() || !p.imageDrawn())) {
            preview = preview != null ? preview : FxImages.of(p.preview());
            shown = preview;
            if (devicePixels > p.preview().width()) {
                drawFullImage(p);
            }
        } else {
            full = full != null ? full : FxImages.of(p.image());
            shown = full;
        }
        if (imageView.getImage() != shown) {
            imageView.setImage(shown);
        }
        imageView.setSmooth(devicePixels < shown.getWidth());
        imageView.setFitWidth(width);
        imageView.setFitHeight(gridHeight * fitScale * zoom.get());
    }

    /** Draws the picture's full image off the FX thread (17 million pixels for the report's grid), then shows it. */
    private void drawFullImage(FilterGrid p) {
        if (drawing == p) {
            return;
        }
        drawing = p;
        DRAWER.execute(() -> {
            if (drawing != p) {
                return; // a newer grid was asked for meanwhile
            }
            p.image();
            Platform.runLater(() -> {
                if (drawing == p) {
                    drawing = null;
                }
                if (picture.get() == p) {
                    fit();
                }
            });
        });
    }
}
