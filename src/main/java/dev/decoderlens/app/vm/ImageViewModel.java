package dev.decoderlens.app.vm;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The source image and the crop the network sees. Files, dropped files, pasted images and samples all arrive
 * through {@link #load}, so the drag-and-drop test exercises the same code as the file chooser. A file that cannot
 * be read leaves the current image in place and says why in {@link #messageProperty()}.
 */
public final class ImageViewModel {
    /** Reads a file into a picture, or throws with a message in words. */
    @FunctionalInterface
    public interface Reader {
        Picture read(Path file) throws Exception;
    }

    private final Reader reader;
    private final ReadOnlyObjectWrapper<Picture> picture = new ReadOnlyObjectWrapper<>(this, "picture");
    private final ReadOnlyObjectWrapper<Crop> crop = new ReadOnlyObjectWrapper<>(this, "crop");
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyIntegerWrapper stride = new ReadOnlyIntegerWrapper(this, "stride", 4);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public ImageViewModel(Reader reader) {
        this.reader = reader;
    }

    public ReadOnlyObjectProperty<Picture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Crop> cropProperty() {
        return crop.getReadOnlyProperty();
    }

    /** The picture and crop together, changed once per edit: what a new run starts from. */
    public record Selection(Picture picture, Crop crop) {
    }

    /** Fires once per new picture or crop (never with a crop of the previous picture). */
    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty strideProperty() {
        return stride.getReadOnlyProperty();
    }

    /** The last problem in words ("cannot read x.png: not an image"), empty when the last load worked. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public Picture picture() {
        return picture.get();
    }

    public Crop crop() {
        return crop.get();
    }

    /** Loads a file; on failure keeps the current picture and returns false. */
    public boolean load(Path file) {
        return load(file, null);
    }

    /** Loads a file with a crop to restore (null: centred); on failure keeps the current picture. */
    public boolean load(Path file, Crop wanted) {
        Picture p;
        try {
            p = reader.read(file);
        } catch (Exception e) {
            failed(file, e);
            return false;
        }
        return show(p, wanted);
    }

    /** Reads a file on a worker (a 4000x3000 photo takes a moment to decode); shows it, or says why not, on the UI thread. */
    public void loadInBackground(Background background, Path file, Crop wanted) {
        message.set("Opening " + file.getFileName() + "…");
        background.submit((cancel, progress) -> reader.read(file), Background.Progress.NONE,
                p -> show(p, wanted), e -> failed(file, e));
    }

    private void failed(Path file, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message.set("Cannot open " + file.getFileName() + ": " + why + ". The previous image stays.");
    }

    /**
     * Shows a picture (pasted, bundled or read). {@code wanted} is a crop to restore (from settings or a session),
     * or null for a centred one as large as the report's 512 crop.
     */
    public boolean show(Picture p, Crop wanted) {
        int s = stride.get();
        if (!Crop.fits(p.width(), p.height(), s)) {
            message.set(p.name() + " is " + p.width() + "x" + p.height() + ": smaller than the smallest crop ("
                    + Crop.minSide(s) + "x" + Crop.minSide(s) + "). The previous image stays.");
            return false;
        }
        message.set(p.note());
        Crop c = wanted != null ? wanted.fitted(p.width(), p.height(), s) : Crop.centred(512, p.width(), p.height(), s);
        picture.set(p);
        setCropOnly(c);
        return true;
    }

    /** Sets the encoder's total stride; the crop snaps to it. */
    public void setStride(int s) {
        stride.set(Math.max(1, s));
        refit();
    }

    /** Moves the crop by whole pixels (arrow keys), staying inside the image. */
    public void moveCrop(int dx, int dy) {
        Picture p = picture.get();
        if (p != null) {
            setCropOnly(crop.get().moved(dx, dy, p.width(), p.height()));
        }
    }

    /** Places the crop (mouse drag or resize); its sides snap to the stride. */
    public void setCrop(Crop wanted) {
        Picture p = picture.get();
        if (p != null) {
            setCropOnly(wanted.fitted(p.width(), p.height(), stride.get()));
        }
    }

    public void setCropSide(int side) {
        Crop c = crop.get();
        if (c != null) {
            int cx = c.x() + c.width() / 2, cy = c.y() + c.height() / 2;
            setCrop(new Crop(cx - side / 2, cy - side / 2, side, side));
        }
    }

    private void refit() {
        Picture p = picture.get();
        if (p != null && crop.get() != null) {
            setCropOnly(crop.get().fitted(p.width(), p.height(), stride.get()));
        }
    }

    private void setCropOnly(Crop c) {
        crop.set(c);
        Selection next = new Selection(picture.get(), c);
        if (!next.equals(selection.get())) {
            selection.set(next);
        }
    }
}
