package dev.decoderlens.importer.keras;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ModelImporters;
import io.jhdf.HdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged files and configurations give one line naming the file, never a crash or a stack trace. */
class KerasMalformedInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"class_name\": \"Sequential\", \"config\": 7}",
            "{\"class_name\": \"Sequential\", \"config\": []}",
            "{\"class_name\": \"Functional\", \"config\": {\"layers\": 3}}",
            "{\"class_name\": \"Functional\", \"config\": {\"layers\": [], \"input_layers\": [], \"output_layers\": []}}",
            "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2}}]}",
            "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", "
                    + "\"batch_input_shape\": [null, 4], \"units\": \"two\"}}]}",
            "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", "
                    + "\"batch_input_shape\": [null, 4, 4, 1], \"filters\": 2, \"kernel_size\": [0, 3]}}]}",
            "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", "
                    + "\"batch_input_shape\": [null, 4], \"filters\": 2, \"kernel_size\": 3}}]}",
            "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", \"name\": \"d\", "
                    + "\"config\": {}, \"inbound_nodes\": [[[\"nowhere\", 0, 0]]]}], \"input_layers\": [[\"d\", 0, 0]], "
                    + "\"output_layers\": [[\"d\", 0, 0]]}}",
            "[1, 2, 3]",
            "{\"class_name\": \"Graph\", \"config\": {}}"})
    void malformedConfigurationIsOneLine(String config) throws Exception {
        Path file = dir.resolve("m.h5");
        try (var h5 = HdfFile.write(file)) {
            h5.putAttribute("model_config", config);
            WritableGroup g = h5.putGroup("model_weights").putGroup("d");
            g.putAttribute("weight_names", new String[] {"d/kernel:0"});
            g.putGroup("d").putDataset("kernel:0", new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        }
        assertOneLine(file);
    }

    @Test
    void truncatedHdf5FileIsOneLine() throws Exception {
        Path shared = null;
        try {
            shared = KerasTestSupport.sharedModels().resolve("mlcommons-tiny/pretrainedResnet.h5");
        } catch (org.opentest4j.TestAbortedException e) {
            return; // the real file is not here; the configuration cases above still run
        }
        byte[] all = Files.readAllBytes(shared);
        for (int n : new int[] {8, 700, 4096}) {
            Path file = dir.resolve("cut" + n + ".h5");
            Files.write(file, java.util.Arrays.copyOf(all, n));
            assertOneLine(file);
        }
        // Cut anywhere later, the file may still hold the whole model (the tail is optimizer state): it then opens,
        // and otherwise it is refused in one line.
        for (int i = 1; i < 8; i++) {
            Path file = dir.resolve("cut_" + i + ".h5");
            Files.write(file, java.util.Arrays.copyOf(all, all.length * i / 8));
            try {
                ModelImporters.open(file);
            } catch (ImportException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    @Test
    void truncatedArchiveIsOneLine() throws Exception {
        Path file = dir.resolve("cut.keras");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        assertOneLine(file);
    }

    private static void assertOneLine(Path file) {
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
