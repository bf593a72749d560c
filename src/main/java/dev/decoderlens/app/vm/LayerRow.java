package dev.decoderlens.app.vm;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkRun;

/** One row of a path's layer list: the layer's metadata and the run that holds its activations. */
public record LayerRow(LayerInfo info, NetworkRun run) {

    public String name() {
        return info.name();
    }

    public Tensor activation() {
        return run.activation(info.name());
    }

    /** Filters (channels) of the layer's output. */
    public int filters() {
        return info.channels();
    }

    /** "(1, 64, 256, 256)" */
    public String shapeText() {
        int[] s = info.outputShape();
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return sb.append(')').toString();
    }

    /** Encoder layers are shared by both paths; decoder stages 1..n and the output follow. */
    public boolean encoder() {
        return info.stage() == 0;
    }
}
