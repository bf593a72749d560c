package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.io.InputScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a layer's numbers into sentences a user can act on. */
final class Warnings {
    /** A layer with this share of values at an activation limit is reported as saturated (healthy layers: about 0). */
    static final double SATURATED = 0.1;
    /** A channel with this share at one limit counts as flat. */
    static final double FLAT_CHANNEL = 0.9;
    /** Pooled checkerboard measures above these are pointed out on output layers. */
    static final double PHASE_NOTABLE = 0.3;
    static final double SPECTRAL_NOTABLE = 0.1;

    private Warnings() {
    }

    static List<String> forValues(LayerInfo info, MapStats stats, List<MapStats> filters, int dead, Checkerboard board, WarningContext ctx) {
        List<String> out = new ArrayList<>();
        String what = ctx.output() ? "output" : "layer";
        if (stats.nanCount() > 0 || stats.infCount() > 0) {
            out.add(String.format(Locale.ROOT, "%s has %d NaN and %d infinite values", what, stats.nanCount(), stats.infCount()));
        }
        String act = info.activation();
        if ((act.equals("Sigmoid") || act.equals("Tanh")) && stats.saturatedShare() >= SATURATED) {
            out.add(saturation(act, stats, filters, ctx));
        }
        if (act.equals("Relu") && dead > 0) {
            out.add(dead == filters.size()
                    ? "every filter is dead: the layer outputs only zeros after ReLU"
                    : String.format(Locale.ROOT, "%d of %d filters dead (all zero after ReLU)", dead, filters.size()));
        }
        if (ctx.output() && (board.phase() >= PHASE_NOTABLE || board.spectral() >= SPECTRAL_NOTABLE)) {
            out.add(String.format(Locale.ROOT, "checkerboard of period %d: phase measure %.2f, spectral measure %.2f",
                    board.period(), board.phase(), board.spectral()));
        }
        return out;
    }

    private static String saturation(String act, MapStats stats, List<MapStats> filters, WarningContext ctx) {
        String name = act.toLowerCase(Locale.ROOT);
        String lowText = act.equals("Sigmoid") ? "0.001" : "-0.999";
        boolean flat = true;
        boolean[] high = new boolean[filters.size()];
        for (int c = 0; c < filters.size(); c++) {
            MapStats f = filters.get(c);
            flat &= f.highShare() >= FLAT_CHANNEL || f.lowShare() >= FLAT_CHANNEL;
            high[c] = f.highShare() >= f.lowShare();
        }
        String share;
        if (stats.highShare() >= stats.saturatedShare() * 0.999) {
            share = pct(stats.highShare()) + " of pixels above 0.999";
        } else if (stats.lowShare() >= stats.saturatedShare() * 0.999) {
            share = pct(stats.lowShare()) + " of pixels below " + lowText;
        } else {
            share = pct(stats.saturatedShare()) + " of values at a limit (" + pct(stats.highShare()) + " above 0.999, "
                    + pct(stats.lowShare()) + " below " + lowText + ")";
        }
        String head = flat && ctx.output() ? "output nearly constant" + colour(high) : (ctx.output() ? "output" : "layer") + " saturated";
        String cause = ctx.scaling() == InputScaling.RAW_0_255
                ? " — the input is raw 0..255 and the " + name + " saturates"
                : " — the " + name + "'s inputs are far from 0, so it saturates";
        return head + ": " + share + cause;
    }

    /** " (a flat yellow image)" for three flat channels, each at its high (true) or low limit. */
    private static String colour(boolean[] high) {
        if (high.length != 3) {
            return "";
        }
        String[] names = {"black", "blue", "green", "cyan", "red", "magenta", "yellow", "white"};
        int i = (high[0] ? 4 : 0) + (high[1] ? 2 : 0) + (high[2] ? 1 : 0);
        return " (a flat " + names[i] + " image)";
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
