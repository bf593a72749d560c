package dev.decoderlens.export;

import dev.decoderlens.analysis.report.ExperimentAnalysis;
import dev.decoderlens.analysis.report.LayerAnalysis;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkRun;
import dev.decoderlens.io.Session;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an export shows: a finished run, the session that produced it (image file and hash, crop, preset, settings
 * with seeds, view) and the run's analysis (measured on demand and cached; the window passes the one it already
 * has). The window builds one from its current state, {@code render} from its arguments.
 */
public record ExportSource(Session session, ExperimentResult result, ExperimentAnalysis analysis) {
    public ExportSource {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(analysis, "analysis");
        if (!session.settings().equals(result.settings())) {
            throw new IllegalArgumentException("the session's settings are not the ones the result was computed with");
        }
        if (analysis.result() != result) {
            throw new IllegalArgumentException("the analysis is of another result");
        }
    }

    public ExportSource(Session session, ExperimentResult result) {
        this(session, result, new ExperimentAnalysis(result));
    }

    /** The measures of one layer (statistics, dead filters, saturation, checkerboard measures, warnings). */
    public LayerAnalysis measures(Branch branch, String layer) {
        layer(branch, layer);
        return branch == Branch.ENCODER ? analysis.encoderLayer(layer) : analysis.layer(branch.side(), layer);
    }

    /** The image's file name for titles ("raccoon.png"). */
    public String imageName() {
        Path p = Path.of(session.image().path()).getFileName();
        return p == null ? session.image().path() : p.toString();
    }

    /** "crop 200,50 512x512". */
    public String cropText() {
        var c = session.crop();
        return "crop " + c.x() + "," + c.y() + " " + c.width() + "x" + c.height();
    }

    /** The layer of that network with this name; a clear message listing the names when there is none. */
    public LayerInfo layer(Branch branch, String name) {
        NetworkRun run = branch.run(result);
        for (LayerInfo l : run.layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException(branch.label() + " has no layer '" + name + "' (its layers: "
                + run.layers().stream().map(LayerInfo::name).collect(Collectors.joining(", ")) + ")");
    }
}
