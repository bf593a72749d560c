package dev.decoderlens.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.decoderlens.importer.ImportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of real models (bytes overwritten, cut at random places) either still import or are refused with
 * an {@link ImportException}: never another exception, never a hang.
 */
class OnnxDamagedFileTest {
    @TempDir
    Path tmp;

    @Test
    void damagedModelsAreRefusedCleanly() throws Exception {
        Random r = new Random(2026);
        for (String name : List.of("dcgan_generator_dynamic.onnx", "unet_small_opset9.onnx", "resize_nearest_size.onnx",
                "legacy_broadcast_axis_opset6.onnx", "plumbing_expand_tile_range_gather.onnx")) {
            byte[] good = Files.readAllBytes(OnnxFixtureTest.fixtures().resolve(name));
            for (int i = 0; i < 150; i++) {
                byte[] bad = i % 3 == 0 ? Arrays.copyOf(good, r.nextInt(good.length)) : good.clone();
                if (i % 3 != 0) {
                    for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                        bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
                    }
                }
                Path f = tmp.resolve("bad.onnx");
                Files.write(f, bad);
                try {
                    new OnnxImporter().open(f);
                } catch (ImportException e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                } catch (Throwable t) {
                    fail(name + " damaged copy " + i + " escaped with " + t, t);
                }
            }
        }
    }
}
