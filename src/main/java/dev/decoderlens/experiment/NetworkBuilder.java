package dev.decoderlens.experiment;

import dev.decoderlens.engine.Graph;
import dev.decoderlens.engine.Node;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.op.AutoPad;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.DepthToSpace;
import dev.decoderlens.engine.op.MaxPool2D;
import dev.decoderlens.engine.op.PoolSpec;
import dev.decoderlens.engine.op.Resize;
import dev.decoderlens.engine.op.ResizeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link NetworkPlan} and its weights' {@link WeightInit} into an engine {@link Graph}: one node per
 * layer, named like the layer, whose output tensor carries the same name (so the trace is indexed by the names
 * the layer list shows). Activations are fused into the convolutions, as Keras layers carry them.
 */
public final class NetworkBuilder {
    private NetworkBuilder() {
    }

    /** A built network: its plan (metadata) and its graph. */
    public record Network(NetworkPlan plan, Graph graph) {
        public List<LayerInfo> layers() {
            return plan.infos();
        }

        public String inputName() {
            return plan.inputName();
        }

        public String outputName() {
            return plan.outputName();
        }
    }

    /** The encoder graph: input {@link NetworkPlanner#IMAGE_INPUT}, output {@link NetworkPlanner#ENCODED}. */
    public static Network encoder(EncoderSpec spec, int channels, int height, int width) {
        return build(NetworkPlanner.encoder(spec, channels, height, width), spec.init());
    }

    /** A decoder graph reading {@link NetworkPlanner#ENCODED}. */
    public static Network decoder(PathConfig config, int[] encodedShape, int cropHeight, int cropWidth, int outChannels, int totalStride) {
        return build(NetworkPlanner.decoder(config, encodedShape, cropHeight, cropWidth, outChannels, totalStride), config.init());
    }

    public static Network build(NetworkPlan plan, WeightInit init) {
        List<Node> nodes = new ArrayList<>();
        String input = plan.inputName();
        for (NetworkPlan.Planned layer : plan.layers()) {
            String name = layer.info().name();
            nodes.add(Node.of(name, op(layer.op(), init, name), input, name));
            input = name;
        }
        Graph graph = new Graph(plan.name(), List.of(plan.inputName()), Map.of(), nodes, List.of(plan.outputName()));
        return new Network(plan, graph);
    }

    private static Op op(LayerOp op, WeightInit init, String name) {
        return switch (op) {
            case LayerOp.Conv c -> new Conv2D(c.spec(), WeightFactory.conv(c, init, name), WeightFactory.bias(c.outChannels()), c.activation());
            case LayerOp.Transposed t -> new ConvTranspose2D(t.spec(), WeightFactory.transposed(t, init, name),
                    WeightFactory.bias(t.outChannels()), t.activation());
            case LayerOp.Pool p -> new MaxPool2D(PoolSpec.of(p.size(), p.size()).withAutoPad(AutoPad.SAME_UPPER));
            case LayerOp.Resize r -> new Resize(r.mode() == ResizeMode.NEAREST
                    ? ResizeSpec.kerasNearest(r.scale(), r.scale()) : ResizeSpec.kerasBilinear(r.scale(), r.scale()));
            case LayerOp.Shuffle s -> new DepthToSpace(s.blockSize(), s.crd());
        };
    }
}
