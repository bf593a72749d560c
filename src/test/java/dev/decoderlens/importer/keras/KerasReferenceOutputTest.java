package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import dev.decoderlens.io.Npy;
import io.jhdf.HdfFile;
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

    /** The DL4J reference file keeps Keras's own predictions for two (16, 3) sequences under predictions/. */
    @Test
    void conv1dSameMatchesKerasPredictions() throws Exception {
        Path dir = KerasTestSupport.sharedModels().resolve("dl4j-test-resources/examples/conv1d");
        ImportedModel m = ModelImporters.open(dir.resolve("conv1d_k2_s1_d1_cl_same_model.h5"));
        try (HdfFile io = new HdfFile(dir.resolve("conv1d_k2_s1_d1_cl_same_inputs_and_outputs.h5"))) {
            WeightArray x = Hdf5Weights.read(io.getDatasetByPath("inputs/conv0_input"), "input");
            WeightArray y = Hdf5Weights.read(io.getDatasetByPath("predictions/conv0"), "predictions");
            KerasTestSupport.assertClose(y.tensor(), KerasTestSupport.run(m, x.tensor()), "conv1d predictions");
        }
    }
}
