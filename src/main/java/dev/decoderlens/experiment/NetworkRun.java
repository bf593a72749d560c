package dev.decoderlens.experiment;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import java.util.List;

/**
 * One network's run: its plan and the trace holding every layer's output under the layer's name.
 *
 * @param fromCache true when this run was reused from an earlier one with the same inputs and settings
 */
public record NetworkRun(NetworkPlan plan, Trace trace, boolean fromCache) {

    public List<LayerInfo> layers() {
        return plan.infos();
    }

    /** The output of the layer with this name, (1, C, H, W). */
    public Tensor activation(String layerName) {
        return trace.get(layerName);
    }

    public Tensor output() {
        return trace.get(plan.outputName());
    }

    public NetworkRun cached() {
        return fromCache ? this : new NetworkRun(plan, trace, true);
    }
}
