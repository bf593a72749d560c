package dev.decoderlens.importer.keras;

import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporter;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Legacy Keras HDF5 files, whatever their name (.h5, .hdf5, even .keras): {@code model.save()} of Keras 1, 2 and
 * tf.keras (a {@code model_config} attribute and a {@code model_weights} group), and {@code save_weights()} files
 * (layer groups at the root), which need the model's {@code to_json()} output beside them under the same name
 * with {@code .json}.
 */
public final class KerasHdf5Importer implements ModelImporter {
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    @Override
    public String formatName() {
        return "Keras HDF5";
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        return head.length >= SIGNATURE.length && Arrays.equals(head, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    @Override
    public ImportedModel open(Path file) throws ImportException {
        try (HdfFile h5 = new HdfFile(file)) {
            String config = Hdf5Weights.string(h5, "model_config");
            if (config != null) {
                Node mw = Hdf5Weights.child(h5, "model_weights");
                if (!(mw instanceof Group weights)) {
                    throw new ImportException(file + ": the model was saved without weights (no 'model_weights' group)");
                }
                String version = firstNonNull(Hdf5Weights.string(h5, "keras_version"), Hdf5Weights.string(weights, "keras_version"));
                String backend = firstNonNull(Hdf5Weights.string(h5, "backend"), Hdf5Weights.string(weights, "backend"));
                return build(file, config, Hdf5Weights.legacy(weights), version, backend);
            }
            if (h5.getAttribute("layer_names") != null) {
                return weightsOnly(file, h5);
            }
            throw new ImportException(file + ": an HDF5 file without a Keras model (no 'model_config' attribute and no layer weights)");
        } catch (ImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImportException(file + ": cannot read the HDF5 file (" + ModelConfig.firstLine(e.getMessage()) + ")", e);
        }
    }

    /** A save_weights() file: the architecture comes from the JSON file of the same name. */
    private ImportedModel weightsOnly(Path file, HdfFile h5) throws ImportException {
        Path json = sibling(file, ".json");
        if (!Files.isRegularFile(json)) {
            throw new ImportException(file + ": holds weights only (save_weights); put the model's to_json() output beside it as "
                    + json.getFileName());
        }
        String config = readText(json);
        String version = firstNonNull(Hdf5Weights.string(h5, "keras_version"), KerasJsonImporter.versionOf(config));
        return build(file, config, Hdf5Weights.legacy(h5), version, Hdf5Weights.string(h5, "backend"));
    }

    static ImportedModel build(Path file, String config, WeightSource weights, String version, String backend) throws ImportException {
        return build(file, parse(file, config), weights, version, backend);
    }

    static ModelConfig parse(Path file, String config) throws ImportException {
        try {
            return ModelConfig.parse(config);
        } catch (ImportException e) {
            throw new ImportException(file + ": " + e.getMessage(), e);
        }
    }

    static ImportedModel build(Path file, ModelConfig model, WeightSource weights, String version, String backend) throws ImportException {
        try {
            return KerasModelBuilder.build("Keras HDF5" + (version == null ? "" : " (Keras " + version + ")"), file,
                    model, weights, version, backend);
        } catch (ImportException e) {
            throw new ImportException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ImportException(file + ": the model cannot be built (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + ModelConfig.firstLine(e.getMessage())) + ")", e);
        }
    }

    static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }

    static String readText(Path p) throws ImportException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportException(p + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
