package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import dev.decoderlens.io.Npy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Outputs Keras itself computed for real files, reproduced by the imported graph within 1e-4 + 1e-3 |e|. */
class KerasReferenceOutputTest {

    @Test
    void cnnBatchNormMatchesKerasPredictions() throws Exception {
        Path dir = KerasTestSupport.sharedModels().resolve("dl4j-test-resources/fullconfigs/cnn");
        ImportedModel m = ModelImporters.open(dir.resolve("cnn_batch_norm.h5"));
        Tensor input = KerasTestSupport.fromNhwc(Npy.read(dir.resolve("input.npy")));
        Tensor expected = Npy.read(dir.resolve("predictions.npy"));
        KerasTestSupport.assertClose(expected, KerasTestSupport.run(m, input), "cnn_batch_norm predictions");
    }
}
