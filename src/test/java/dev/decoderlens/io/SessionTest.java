package dev.decoderlens.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.experiment.DecoderPathSpec;
import dev.decoderlens.experiment.EncoderSpec;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.PaddingMode;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.experiment.WeightInit;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path dir;

    Session session(ExperimentSettings s, String preset) {
        return new Session(new Session.ImageRef("/some/where/raccoon.png", "ab12"), new Preset.Crop(200, 50, 64, 64), preset, s,
                new Session.View("conv_out", "deconv2", ColorMap.RDBU, Normalization.SHARED, 5));
    }

    @Test
    void everyPresetSurvivesSaveAndOpenUnchanged() throws IOException {
        for (Preset p : Preset.values()) {
            Session s = session(p.settings(), p.id());
            Path f = dir.resolve(p.id() + ".json");
            s.write(f, false);
            Session back = Session.read(f);
            assertEquals(s, back, p.id());
        }
    }

    @Test
    void unusualSeedsConstantsAndHandMadePathsSurviveExactly() throws IOException {
        float constant = Math.nextUp(0.1f); // not the float nearest 0.1: must not come back rounded
        ExperimentSettings s = Preset.ORIGINAL_REPORT.settings()
                .withEncoder(EncoderSpec.small().withInit(new WeightInit(Initialiser.HE_NORMAL, Long.MIN_VALUE, 0f)))
                .withPathA(Preset.ORIGINAL_REPORT.settings().pathA().withPath(new DecoderPathSpec.SubPixel(5, 2, false, List.of(7, 3)))
                        .withInit(new WeightInit(Initialiser.CONSTANT, Long.MAX_VALUE, constant)))
                .withPathB(Preset.ORIGINAL_REPORT.settings().pathB().withPath(
                        new DecoderPathSpec.TransposedConv(5, 3, PaddingMode.EXPLICIT, 2, 1, List.of(9))))
                .withScaling(InputScaling.IMAGENET).withColorMode(ColorMode.GRAYSCALE);
        Session back = Session.fromJson(com.google.gson.JsonParser.parseString(session(s, null).toJsonText()).getAsJsonObject());
        assertEquals(s, back.settings());
        assertEquals(constant, back.settings().pathA().init().constant());
        assertEquals(null, back.preset());
    }

    @Test
    void savingNeverOverwritesUnlessAsked() throws IOException {
        Path f = dir.resolve("s.json");
        Session s = session(Preset.FIXED_STRIDES.settings(), "fixed-strides");
        s.write(f, false);
        assertThrows(FileAlreadyExistsException.class, () -> s.write(f, false));
        s.write(f, true);
    }

    @Test
    void aBrokenSessionNamesTheFieldThatIsWrong() throws IOException {
        Path f = dir.resolve("bad.json");
        String good = session(Preset.CHECKERBOARD_K3S2.settings(), null).toJsonText();
        Files.writeString(f, good.replace("\"kind\": \"transposed-conv\"", "\"kind\": \"magic\""), StandardCharsets.UTF_8);
        var e = assertThrows(IOException.class, () -> Session.read(f));
        assertTrue(e.getMessage().contains("settings.pathB.path.kind: unknown decoder path 'magic'"), e.getMessage());

        Files.writeString(f, good.replace("\"seed\": 1", "\"seed\": 1.5"), StandardCharsets.UTF_8);
        e = assertThrows(IOException.class, () -> Session.read(f));
        assertTrue(e.getMessage().contains("seed must be a whole number"), e.getMessage());

        Files.writeString(f, "{\"format\": \"something-else\"}", StandardCharsets.UTF_8);
        e = assertThrows(IOException.class, () -> Session.read(f));
        assertTrue(e.getMessage().contains("not a DecoderLens session"), e.getMessage());

        Files.writeString(f, "{ not json", StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> Session.read(f));
        e = assertThrows(IOException.class, () -> Session.read(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aChangedImageIsNoticedByItsHash() throws IOException {
        Path img = dir.resolve("a.png");
        Files.write(img, new byte[] {1, 2, 3});
        Session s = new Session(Session.ImageRef.of(img), new Preset.Crop(0, 0, 4, 4), null, Preset.FIXED_STRIDES.settings(), null);
        // SHA-256 of the bytes 01 02 03 (known value, computed independently of this code)
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", s.image().sha256());
        assertTrue(s.imageChanged(img).isEmpty());
        Files.write(img, new byte[] {1, 2, 4});
        assertTrue(s.imageChanged(img).isPresent());
    }
}
