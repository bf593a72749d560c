package dev.decoderlens.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.EncoderSpec;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.NetworkRun;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.experiment.WeightInit;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session saved and opened again gives the same run, bit for bit, in a fresh runner. */
class SessionReproducesRunTest {
    static final Path RACCOON = Path.of("assets/samples/raccoon.png");

    @TempDir
    Path dir;

    @Test
    void openingASavedSessionReproducesEveryActivationBitForBit() throws IOException {
        ExperimentSettings base = Preset.CHECKERBOARD_K3S2.settings();
        // non-default seeds and initialisers everywhere: a session that lost any of them would not reproduce
        ExperimentSettings settings = base.withEncoder(EncoderSpec.small().withInit(WeightInit.of(Initialiser.HE_NORMAL, 987654321L)))
                .withPathA(base.pathA().withInit(WeightInit.glorot(42)))
                .withPathB(base.pathB().withInit(WeightInit.of(Initialiser.BILINEAR, 7)))
                .withScaling(InputScaling.SYMMETRIC_MINUS1_1);
        Preset.Crop crop = new Preset.Crop(260, 120, 32, 32);
        SourceImage image = Images.read(RACCOON);
        ExperimentResult first = new ExperimentRunner().run(image.crop(crop.x(), crop.y(), crop.width(), crop.height()), settings);

        Session saved = new Session(Session.ImageRef.of(RACCOON), crop, null, settings,
                new Session.View("conv1", "deconv1", ColorMap.MAGMA, Normalization.PER_FILTER, 3));
        Path file = dir.resolve("s.json");
        saved.write(file, false);

        Session opened = Session.read(file);
        assertEquals(saved, opened);
        Preset.Crop c = opened.crop();
        SourceImage again = Images.read(opened.imagePath(file)).crop(c.x(), c.y(), c.width(), c.height());
        ExperimentResult second = new ExperimentRunner().run(again, opened.settings());

        assertSameTrace(first.encoder(), second.encoder());
        assertSameTrace(first.pathA(), second.pathA());
        assertSameTrace(first.pathB(), second.pathB());

        // and the seed matters: another seed gives another run (so the comparison above could fail)
        ExperimentResult reseeded = new ExperimentRunner().run(again, opened.settings()
                .withPathB(opened.settings().pathB().withInit(WeightInit.glorot(8))));
        assertNotEquals(bits(first.pathB().output()), bits(reseeded.pathB().output()));
    }

    static void assertSameTrace(NetworkRun a, NetworkRun b) {
        Map<String, Tensor> ta = a.trace().tensors(), tb = b.trace().tensors();
        assertEquals(ta.keySet(), tb.keySet());
        for (String name : ta.keySet()) {
            assertArrayEquals(ta.get(name).shape(), tb.get(name).shape(), name);
            assertArrayEquals(bits(ta.get(name)), bits(tb.get(name)), name);
        }
    }

    static int[] bits(Tensor t) {
        float[] d = t.toRowMajor().data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = Float.floatToRawIntBits(d[i]);
        }
        return out;
    }
}
