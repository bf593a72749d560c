package dev.decoderlens.importer;

import java.nio.file.Path;

/**
 * One model format. Implementations are listed in
 * {@code META-INF/services/dev.decoderlens.importer.ModelImporter} and tried in order by {@link ModelImporters}:
 * the format is chosen from the file's first bytes, never from its name (an HDF5 file may be called .keras).
 */
public interface ModelImporter {
    /** "ONNX", "Keras HDF5", "Keras 3 archive": named in messages. */
    String formatName();

    /** True when {@code head} (the file's first bytes, up to 4096) looks like this format. */
    boolean matches(Path file, byte[] head);

    /** Reads the model; any problem becomes an {@link ImportException} with a one-line message. */
    ImportedModel open(Path file) throws ImportException;
}
