package dev.decoderlens.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decoder-shaped models exported by PyTorch 1.13 (scripts/fixtures/make_onnx_fixtures.py): transposed
 * convolutions over padding / output_padding / stride / groups / dilation, every resize mode PyTorch exports,
 * pixel shuffle (DepthToSpace and the opset-9 Reshape/Transpose form), a small U-Net with skip concatenation and
 * BatchNorm, a DCGAN-style generator. Each must reproduce PyTorch's output to |a - b| <= 1e-4 + 1e-3 |b|.
 */
class OnnxFixtureTest {
    static Path fixtures() throws Exception {
        return Path.of(OnnxFixtureTest.class.getResource("/fixtures/onnx").toURI());
    }

    @TestFactory
    Stream<DynamicTest> everyExportedModelMatchesPyTorch() throws Exception {
        List<Path> models;
        try (Stream<Path> files = Files.list(fixtures())) {
            models = files.filter(p -> p.toString().endsWith(".onnx"))
                    .filter(p -> Files.exists(sibling(p, ".output.npy"))).sorted().toList();
        }
        assertFalse(models.isEmpty(), "no fixtures found");
        return models.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ImportedModel m = new OnnxImporter().open(p);
            Tensor x = Npy.read(sibling(p, ".input.npy"));
            Tensor expected = Npy.read(sibling(p, ".output.npy"));
            Tensor y = new Executor().run(m.graph(), Map.of(m.inputs().get(0).name(), x)).get(m.graph().outputs().get(0));
            assertNull(Tolerance.compare(y, expected, 1e-4, 1e-3), p.getFileName().toString());
        }));
    }

    static Path sibling(Path model, String suffix) {
        String base = model.getFileName().toString().replace(".onnx", "");
        return model.resolveSibling(base + suffix);
    }
}
