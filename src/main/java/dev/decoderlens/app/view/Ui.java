package dev.decoderlens.app.view;

import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small builders so every control gets its icon, id and tooltip the same way. */
final class Ui {
    private Ui() {
    }

    static FontIcon icon(Feather f) {
        return new FontIcon(f);
    }

    static Button button(String id, Feather icon, String text, String tip, Runnable action) {
        Button b = new Button(text, icon == null ? null : icon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        tip(b, tip);
        return b;
    }

    static Button iconButton(String id, Feather icon, String tip, Runnable action) {
        Button b = button(id, icon, null, tip, action);
        b.getStyleClass().addAll("button-icon", "flat");
        return b;
    }

    /**
     * Gives a control its tooltip, made when the pointer first enters it: the window has dozens, and making them all
     * took 8% of the UI thread's time at start. Screen readers get the text at once, as the accessible help.
     */
    static <T extends Control> T tip(T c, String text) {
        c.setAccessibleHelp(text);
        c.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                c.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip t = new Tooltip(text);
                t.setShowDelay(Duration.millis(350));
                t.setWrapText(true);
                t.setMaxWidth(420);
                c.setTooltip(t);
            }
        });
        return c;
    }

    /**
     * Shows each new {@code value} in a tab's content while the tab is selected, and the latest one when it is next
     * selected: a hidden tab is not rebuilt (and styled) for every run. The analysis tab's tables, plots and pictures
     * were rebuilt on the UI thread while the first comparison was being put on screen, and at every step of a drag.
     */
    static <T> void showWhileSelected(Tab tab, ObservableValue<T> value, Consumer<T> show) {
        boolean[] stale = {true};
        Runnable refresh = () -> {
            stale[0] = !tab.isSelected();
            if (!stale[0]) {
                show.accept(value.getValue());
            }
        };
        value.addListener((o, a, v) -> refresh.run());
        tab.selectedProperty().addListener((o, a, selected) -> {
            if (selected && stale[0]) {
                refresh.run();
            }
        });
        refresh.run();
    }

    static Label label(String text, String... styles) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styles);
        return l;
    }

    static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    static HBox row(double spacing, Node... nodes) {
        HBox h = new HBox(spacing, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }
}
