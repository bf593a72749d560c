package dev.decoderlens.app.view;

import dev.decoderlens.app.fx.FxImages;
import dev.decoderlens.render.ArgbImage;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One picture column on top of the window: a title, the picture fitted to the card (or a message in words where
 * there is no picture), and a footer with the value range and colour bar.
 */
final class OutputCard extends VBox {
    private final ImageView view = new ImageView();
    private final Label problem = Ui.label("", "card-problem");
    private final StackPane stage = new StackPane();

    OutputCard(String id, ObservableValue<String> title, ObservableValue<String> subtitle, Node footer) {
        getStyleClass().add("card");
        setId(id);
        Label t = Ui.label("", "card-title");
        t.textProperty().bind(title);
        Label s = Ui.label("", "card-subtitle");
        if (subtitle != null) {
            s.textProperty().bind(subtitle);
        }
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.setId(id + "Image");
        problem.setWrapText(true);
        problem.setVisible(false);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.setAlignment(Pos.CENTER_LEFT);
        StackPane.setAlignment(problem, Pos.BOTTOM_CENTER);
        StackPane.setMargin(problem, new javafx.geometry.Insets(6));
        stage.getStyleClass().add("card-stage");
        stage.getChildren().addAll(view, problem);
        stage.setMinSize(80, 80);
        VBox.setVgrow(stage, Priority.ALWAYS);
        view.fitWidthProperty().bind(stage.widthProperty().subtract(8));
        view.fitHeightProperty().bind(stage.heightProperty().subtract(8));
        getChildren().addAll(t, s, stage);
        if (footer != null) {
            getChildren().add(footer);
        }
    }

    /** Content for cards that are not a plain picture (the crop tool). */
    OutputCard content(Node n) {
        stage.getChildren().setAll(n);
        return this;
    }

    void show(ArgbImage picture) {
        view.setImage(FxImages.of(picture));
    }

    void problem(String text) {
        boolean has = text != null && !text.isBlank();
        problem.setText(has ? text : "");
        problem.setVisible(has);
        view.setOpacity(has ? 0.7 : 1);
    }

    ImageView imageView() {
        return view;
    }
}
