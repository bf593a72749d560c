package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.ExportActions;
import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The export and session controls: choose where, ask before replacing a file, report the outcome in the status
 * line and problems in a dialog. The writing itself is {@link ExportActions}.
 */
final class ExportControls {
    /** One export: writes, or throws; {@code overwrite} is false on the first try. */
    @FunctionalInterface
    private interface Write {
        String run(boolean overwrite) throws IOException;
    }

    private final MainViewModel vm;
    private final ExportActions exports;
    private final Window owner;
    private Path lastDir;

    ExportControls(MainViewModel vm, Window owner) {
        this.vm = vm;
        this.exports = vm.exports();
        this.owner = owner;
    }

    List<Node> toolbarItems() {
        SplitMenuButton grid = new SplitMenuButton();
        grid.setId("exportGrid");
        grid.setText("Export grid");
        grid.setGraphic(Ui.icon(Feather.GRID));
        grid.setOnAction(e -> exportGrids());
        grid.getItems().addAll(item("Path A grid…", () -> exportGrid(Side.A)), item("Path B grid…", () -> exportGrid(Side.B)));
        Ui.tip(grid, "Export the selected layers' filter grids of both paths as labelled PNGs with JSON sidecars (Ctrl+E)");

        MenuButton more = new MenuButton("Export", Ui.icon(Feather.DOWNLOAD));
        more.setId("exportMenu");
        more.getItems().addAll(
                item("Comparison (input | A | B | difference)…", this::exportComparison),
                item("Activations of the selected layers (.npy)…", () -> exportActivations(false)),
                item("Activations of all layers (.npy)…", () -> exportActivations(true)));
        Ui.tip(more, "Export the comparison picture or raw activations (.npy, float32, NCHW)");

        MenuButton session = new MenuButton(null, Ui.icon(Feather.SAVE));
        session.setId("sessionMenu");
        session.getItems().addAll(item("Save session… (Ctrl+S)", this::saveSession), item("Open session…", this::openSession));
        Ui.tip(session, "Save or open a session: image, crop, paths, seeds and view, reproduced exactly");
        return List.of(grid, more, session);
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        return m;
    }

    void exportGrids() {
        Path dir = chooseDir("Folder for both grids");
        if (dir != null) {
            write(o -> "Wrote " + exports.exportGrids(dir, o).size() + " grids to " + dir);
        }
    }

    private void exportGrid(Side side) {
        Path png = chooseSave("Export path " + side.name() + " grid", exports.gridFileName(side), "PNG image", "*.png");
        if (png != null) {
            write(o -> "Wrote " + exports.exportGrid(side, png, o).png());
        }
    }

    private void exportComparison() {
        Path png = chooseSave("Export comparison", "comparison.png", "PNG image", "*.png");
        if (png != null) {
            write(o -> "Wrote " + exports.exportComparison(png, o).png());
        }
    }

    private void exportActivations(boolean all) {
        Path dir = chooseDir("Folder for the .npy files");
        if (dir != null) {
            write(o -> {
                int n = exports.exportActivations(Side.A, all, dir, o).size() + exports.exportActivations(Side.B, all, dir, o).size();
                return "Wrote " + n + " .npy files to " + dir;
            });
        }
    }

    void saveSession() {
        Path f = chooseSave("Save session", "session.json", "DecoderLens session", "*.json");
        if (f != null) {
            write(o -> {
                exports.saveSession(f, o);
                return "Saved the session to " + f;
            });
        }
    }

    private void openSession() {
        FileChooser fc = chooser("Open session", "DecoderLens session", "*.json");
        File f = fc.showOpenDialog(owner);
        if (f != null) {
            try {
                exports.openSession(f.toPath()).ifPresent(w -> error("The image changed", w));
            } catch (IOException | RuntimeException e) {
                error("Could not open the session", e.getMessage());
            }
        }
    }

    /** Runs a write; an existing file is replaced only after the user says so. */
    private void write(Write w) {
        try {
            vm.status().info(w.run(false));
        } catch (FileAlreadyExistsException e) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, e.getFile() + " already exists. Replace it?", ButtonType.YES, ButtonType.NO);
            ask.initOwner(owner);
            if (ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
                try {
                    vm.status().info(w.run(true));
                } catch (IOException | RuntimeException again) {
                    error("Export failed", again.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            error("Export failed", e.getMessage());
        }
    }

    private void error(String title, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text, ButtonType.OK);
        a.setHeaderText(title);
        a.initOwner(owner);
        a.show();
    }

    private Path chooseSave(String title, String name, String what, String pattern) {
        FileChooser fc = chooser(title, what, pattern);
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(owner);
        return remember(f);
    }

    private FileChooser chooser(String title, String what, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        if (lastDir != null) {
            fc.setInitialDirectory(lastDir.toFile());
        }
        return fc;
    }

    private Path chooseDir(String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        if (lastDir != null) {
            dc.setInitialDirectory(lastDir.toFile());
        }
        File d = dc.showDialog(owner);
        if (d == null) {
            return null;
        }
        lastDir = d.toPath();
        return lastDir;
    }

    private Path remember(File f) {
        if (f == null) {
            return null;
        }
        lastDir = f.toPath().toAbsolutePath().getParent();
        return f.toPath();
    }
}
