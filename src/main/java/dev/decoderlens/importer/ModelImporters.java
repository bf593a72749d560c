package dev.decoderlens.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The registry of model formats: picks the importer whose signature matches the file's first bytes. */
public final class ModelImporters {
    private static final int HEAD = 4096;

    private ModelImporters() {
    }

    public static List<ModelImporter> all() {
        List<ModelImporter> list = new ArrayList<>();
        ServiceLoader.load(ModelImporter.class, ModelImporters.class.getClassLoader()).forEach(list::add);
        return list;
    }

    public static ImportedModel open(Path file) throws ImportException {
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file + ": no such file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (head.length == 0) {
            throw new ImportException(file + ": the file is empty");
        }
        List<ModelImporter> importers = all();
        for (ModelImporter importer : importers) {
            if (importer.matches(file, head)) {
                return importer.open(file);
            }
        }
        List<String> names = importers.stream().map(ModelImporter::formatName).toList();
        throw new ImportException(file + ": not a model file DecoderLens can read (supported: " + String.join(", ", names) + ")");
    }
}
