package dev.decoderlens.importer.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporter;
import io.jhdf.HdfFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Keras {@code to_json()} architecture file, opened together with the {@code save_weights()} HDF5 file of the
 * same name (.h5 or .hdf5) beside it.
 */
public final class KerasJsonImporter implements ModelImporter {

    @Override
    public String formatName() {
        return "Keras JSON + weights";
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        String s = new String(head, StandardCharsets.UTF_8).stripLeading();
        return s.startsWith("{") && s.contains("\"class_name\"") && s.contains("\"config\"");
    }

    @Override
    public ImportedModel open(Path file) throws ImportException {
        String config = KerasHdf5Importer.readText(file);
        Path weights = KerasHdf5Importer.sibling(file, ".h5");
        if (!Files.isRegularFile(weights)) {
            weights = KerasHdf5Importer.sibling(file, ".hdf5");
        }
        if (!Files.isRegularFile(weights)) {
            throw new ImportException(file + ": a Keras architecture without weights; put the save_weights() file beside it as "
                    + KerasHdf5Importer.sibling(file, ".h5").getFileName());
        }
        try (HdfFile h5 = new HdfFile(weights)) {
            String version = KerasHdf5Importer.firstNonNull(versionOf(config), Hdf5Weights.string(h5, "keras_version"));
            return KerasHdf5Importer.build(file, config, Hdf5Weights.legacy(h5), version, Hdf5Weights.string(h5, "backend"));
        } catch (RuntimeException e) {
            throw new ImportException(weights + ": cannot read the HDF5 file (" + ModelConfig.firstLine(e.getMessage()) + ")", e);
        }
    }

    /** The keras_version recorded at the top of a to_json() document, or null. */
    static String versionOf(String json) {
        try {
            JsonElement e = JsonParser.parseString(json);
            JsonElement v = e.isJsonObject() ? e.getAsJsonObject().get("keras_version") : null;
            return v == null || v.isJsonNull() ? null : v.getAsString();
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
