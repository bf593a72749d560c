package dev.decoderlens.app.view;

import dev.decoderlens.analysis.RadialSpectrum;
import dev.decoderlens.app.fx.FxImages;
import dev.decoderlens.app.vm.AnalysisSummary;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The Analysis tab: checkerboard measures per decoder layer, overlap maps of the upsampling layers, the radial
 * power spectra of both outputs and the difference map A - B. Everything was measured on a worker; this only
 * lays it out.
 */
final class AnalysisPane extends ScrollPane {
    private static final Color COLOR_A = Color.web("#1f77b4");
    private static final Color COLOR_B = Color.web("#ff7f0e");
    /** log10 powers below this are RadialSpectrum's floor for empty rings. */
    private static final double FLOOR = -29;
    private final VBox box = new VBox(14);

    AnalysisPane() {
        setId("analysisPane");
        getStyleClass().add("analysis-pane");
        setFitToWidth(true);
        box.setPadding(new Insets(12, 16, 12, 16));
        setContent(box);
    }

    /** Rebuilds the pane for {@code s} (null: still measuring). MainView calls it while the pane's tab is selected. */
    void show(AnalysisSummary s) {
        box.getChildren().clear();
        if (s == null) {
            box.getChildren().add(Ui.label("Measuring…", "about-muted"));
            return;
        }
        HBox top = new HBox(24, section("Checkerboard measures", measures(s)), section("Radial power spectrum of the outputs", spectrum(s)));
        HBox bottom = new HBox(24, section("Overlap maps (kernel taps per output pixel)", overlaps(s)),
                section("Difference A − B (mean over channels)", difference(s)));
        box.getChildren().addAll(top, bottom);
    }

    private static VBox section(String title, Node content) {
        VBox v = new VBox(6, Ui.label(title, "analysis-title"), content);
        v.getStyleClass().add("analysis-section");
        return v;
    }

    private static Node measures(AnalysisSummary s) {
        GridPane g = new GridPane();
        g.setId("checkerboardTable");
        g.setHgap(14);
        g.setVgap(3);
        String[] head = {"path", "layer", "type", "period", "phase", "spectral", "dead"};
        for (int i = 0; i < head.length; i++) {
            g.add(Ui.label(head[i], "stat-key"), i, 0);
        }
        int row = 1;
        for (Side side : Side.values()) {
            for (AnalysisSummary.Measure m : s.measures().get(side)) {
                boolean periodic = m.period() > 1;
                g.addRow(row++, Ui.label(side.name(), "grid-path"), Ui.label(m.layer(), "stat-value"), Ui.label(m.type(), "stat-key"),
                        Ui.label(Integer.toString(m.period()), "stat-value"),
                        Ui.label(periodic ? num(m.phase()) : "–", "stat-value"),
                        Ui.label(periodic ? num(m.spectral()) : "–", "stat-value"),
                        Ui.label(m.deadFilters() + "/" + m.filters(), "stat-value"));
            }
        }
        Label note = Ui.label("phase: spread of the s×s phase means over the map's std (0 none, 1 pure pattern); "
                + "spectral: share of power standing out at the stride's frequencies.", "about-muted");
        note.setWrapText(true);
        note.setMaxWidth(520);
        return new VBox(6, g, note);
    }

    private static Node spectrum(AnalysisSummary s) {
        Canvas c = new Canvas(440, 220);
        c.setId("spectrumPlot");
        GraphicsContext gc = c.getGraphicsContext2D();
        double l = 48, r = 10, t = 10, b = 30, w = c.getWidth() - l - r, h = c.getHeight() - t - b;
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE, fmax = 0;
        for (RadialSpectrum sp : s.spectra().values()) {
            for (int i = 1; i < sp.logPower().length; i++) {
                if (sp.logPower()[i] < FLOOR) {
                    continue;
                }
                lo = Math.min(lo, sp.logPower()[i]);
                hi = Math.max(hi, sp.logPower()[i]);
                fmax = Math.max(fmax, sp.frequency()[i]);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        gc.setStroke(Color.GRAY);
        gc.strokeRect(l, t, w, h);
        gc.setFill(Color.GRAY);
        gc.fillText(String.format(Locale.ROOT, "%.1f", hi), 4, t + 10);
        gc.fillText(String.format(Locale.ROOT, "%.1f", lo), 4, t + h);
        gc.fillText("0", l, t + h + 14);
        gc.fillText(String.format(Locale.ROOT, "%.2f cycles/px", fmax), l + w - 90, t + h + 14);
        gc.fillText("log10 power", 4, t + h + 26);
        for (Side side : Side.values()) {
            RadialSpectrum sp = s.spectra().get(side);
            gc.setStroke(side == Side.A ? COLOR_A : COLOR_B);
            gc.setLineWidth(1.6);
            gc.beginPath();
            boolean first = true;
            for (int i = 1; i < sp.logPower().length; i++) {
                if (sp.logPower()[i] < FLOOR) {
                    continue; // an empty ring (past the corner frequency): not a measurement
                }
                double x = l + w * sp.frequency()[i] / fmax, y = t + h * (hi - sp.logPower()[i]) / (hi - lo);
                if (first) {
                    first = false;
                    gc.moveTo(x, y);
                } else {
                    gc.lineTo(x, y);
                }
            }
            gc.stroke();
        }
        Label la = Ui.label("— path A", "legend-a");
        Label lb = Ui.label("— path B", "legend-b");
        la.setTextFill(COLOR_A);
        lb.setTextFill(COLOR_B);
        Label note = Ui.label("A bump at 0.5 cycles/px is the stride-2 checkerboard.", "about-muted");
        return new VBox(4, c, Ui.row(12, la, lb, note));
    }

    private static Node overlaps(AnalysisSummary s) {
        FlowPane f = new FlowPane(12, 12);
        f.setId("overlapMaps");
        f.setPrefWrapLength(560);
        for (Side side : Side.values()) {
            for (AnalysisSummary.Overlap o : s.overlaps().get(side)) {
                ImageView iv = new ImageView(FxImages.of(o.picture()));
                String counts = Arrays.stream(o.distinct()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
                Label cap = Ui.label("Path " + side.name() + " · " + o.layer() + " (top-left corner)\ncounts " + counts
                        + (o.uniformInside() ? " (even inside)" : " (uneven)"), "stat-key");
                f.getChildren().add(new VBox(4, iv, cap));
            }
        }
        if (f.getChildren().isEmpty()) {
            f.getChildren().add(Ui.label("No upsampling layers.", "about-muted"));
        }
        return f;
    }

    private static Node difference(AnalysisSummary s) {
        if (s.difference() == null) {
            Label l = Ui.label(s.differenceMissing(), "about-muted");
            l.setWrapText(true);
            l.setMaxWidth(320);
            return l;
        }
        ImageView iv = new ImageView(FxImages.of(s.difference()));
        iv.setId("differenceImage");
        iv.setPreserveRatio(true);
        iv.setFitWidth(240);
        ColorBarView bar = new ColorBarView(160);
        bar.show(s.differenceScale());
        return new VBox(6, iv, bar, Ui.label("red: A below B · blue: A above B", "about-muted"));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
