package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.PathViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The four pictures side by side: the source with its crop rectangle, what the network sees, and the two paths'
 * outputs at the same scale, each with its range (and a colour bar when it is one channel).
 */
final class PictureRow extends HBox {
    PictureRow(MainViewModel vm) {
        super(10);
        getStyleClass().add("picture-row");
        OutputCard source = new OutputCard("sourceCard", new SimpleStringProperty("Source image"),
                Bindings.createStringBinding(() -> {
                    var p = vm.image().picture();
                    var c = vm.image().crop();
                    return p == null ? "" : p.name() + " · " + p.width() + "x" + p.height() + (c == null ? "" : " · crop " + c);
                }, vm.image().pictureProperty(), vm.image().cropProperty()), null).content(new CropView(vm.image()));
        Label inputInfo = Ui.label("", "card-footer");
        inputInfo.textProperty().bind(Bindings.createStringBinding(() -> "input " + vm.settings().scaling().label()
                + ", " + (vm.settings().colorMode().channels() == 3 ? "RGB" : "grey"), vm.settingsProperty()));
        OutputCard input = new OutputCard("inputCard", new SimpleStringProperty("What the network sees"),
                Bindings.createStringBinding(() -> vm.image().crop() == null ? "" : vm.image().crop().width() + "x"
                        + vm.image().crop().height() + " crop", vm.image().cropProperty()), inputInfo);
        vm.runs().inputImageProperty().addListener((o, a, img) -> input.show(img));
        getChildren().addAll(source, input, pathCard(vm.pathA()), pathCard(vm.pathB()));
        for (var n : getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
            ((OutputCard) n).setPrefWidth(300);
        }
        source.setPrefWidth(360);
        javafx.scene.control.Tooltip.install(input, new javafx.scene.control.Tooltip("Exactly what the network receives: "
                + "the crop after input scaling, drawn over the scaling's range."));
    }

    private static OutputCard pathCard(PathViewModel p) {
        Label range = Ui.label("", "card-footer");
        range.setId("range" + p.side().name());
        range.textProperty().bind(p.rangeTextProperty());
        Label describe = Ui.label("", "card-subtitle");
        OutputCard card = new OutputCard("output" + p.side().name(), p.titleProperty(),
                p.describeProperty(), range);
        p.outputImageProperty().addListener((o, a, img) -> card.show(img));
        javafx.scene.control.Tooltip.install(card, new javafx.scene.control.Tooltip("Path " + p.side().name() + "'s output at "
                + "the crop's scale: three channels as RGB, one through the colour map; sigmoid and tanh outputs over "
                + "their limits, so saturation shows (a nearly flat output is contrast stretched and the footer says so)."));
        p.problemProperty().addListener((o, a, text) -> card.problem(text));
        card.problem(p.problemProperty().get());
        describe.setWrapText(true);
        return card;
    }
}
