package dev.decoderlens.export;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkPlan;
import dev.decoderlens.experiment.NetworkPlanner;
import dev.decoderlens.experiment.NetworkRun;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Session;
import dev.decoderlens.io.SourceImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Results with the real layer plans of a preset but seeded random activations instead of a run: export tests then
 * check drawing and writing without spending time in convolutions.
 */
final class SyntheticResults {
    private SyntheticResults() {
    }

    static ExportSource source(Preset preset, int size, long seed) {
        return source(preset, preset.settings(), size, seed);
    }

    static ExportSource source(Preset preset, ExperimentSettings s, int size, long seed) {
        Random r = new Random(seed);
        int[] px = new int[size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(1 << 24);
        }
        SourceImage crop = new SourceImage(size, size, px, "");
        int c = s.colorMode().channels();
        NetworkPlan enc = NetworkPlanner.encoder(s.encoder(), c, size, size);
        NetworkRun encoder = run(enc, r);
        NetworkRun a = run(NetworkPlanner.decoder(s.pathA(), enc.outputShape(), size, size, c, s.encoder().totalStride()), r);
        NetworkRun b = run(NetworkPlanner.decoder(s.pathB(), enc.outputShape(), size, size, c, s.encoder().totalStride()), r);
        ExperimentResult result = new ExperimentResult(s, crop, crop.toTensor(s.scaling(), s.colorMode()), encoder, a, b);
        Session session = new Session(new Session.ImageRef("/images/synthetic.png", "00"), new Preset.Crop(0, 0, size, size),
                preset.id(), s, null);
        return new ExportSource(session, result);
    }

    private static NetworkRun run(NetworkPlan plan, Random r) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (LayerInfo l : plan.infos()) {
            int[] shape = l.outputShape();
            float[] d = new float[shape[0] * shape[1] * shape[2] * shape[3]];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
            }
            // stored channels last, as the engine stores activations
            tensors.put(l.name(), Tensor.of(shape, d).toNhwc());
        }
        return new NetworkRun(plan, new Trace(tensors, List.of()), false);
    }
}
