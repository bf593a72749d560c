package dev.decoderlens.cli;

import dev.decoderlens.engine.Trace;
import dev.decoderlens.experiment.RunProgress;
import java.io.PrintWriter;

/**
 * {@code render}'s progress bar on stderr, redrawn in place with a carriage return. Only when stderr is a terminal:
 * piped or captured output (CI logs, tests) stays free of control characters.
 */
class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private String image = "";
    private String imageCount = "";

    Progress(PrintWriter err) {
        this.err = err;
    }

    /** A bar on a terminal; otherwise one that prints nothing. */
    static Progress forTerminal(PrintWriter err) {
        var console = System.console();
        return console != null && console.isTerminal() ? new Progress(err) : new Progress(null);
    }

    void image(String name, int index, int count) {
        image = name;
        imageCount = count > 1 ? " [" + (index + 1) + "/" + count + "]" : "";
    }

    void layerDone(RunProgress.Phase phase, int done, int total, Trace.NodeRun run) {
        draw(phase.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), done, total);
    }

    void exporting(int done, int total) {
        draw("writing grids", done, total);
    }

    private void draw(String what, int done, int total) {
        if (err == null || total <= 0) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + image + imageCount + "  " + what + " "
                + done + "/" + total + "\u001b[K");
        err.flush();
    }

    void done() {
        if (err != null) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
