package dev.decoderlens.importer.keras;

import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporter;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code .keras} zip archive of Keras 3 (and its first form in Keras 2.13): {@code config.json},
 * {@code metadata.json} and {@code model.weights.h5}, whose arrays live under {@code layers/<name>/vars/<i>}
 * (Keras 3) or {@code _layer_checkpoint_dependencies/<name>/vars/<i>} (Keras 2.13).
 */
public final class KerasArchiveImporter implements ModelImporter {
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    @Override
    public String formatName() {
        return "Keras archive";
    }

    @Override
    public boolean matches(Path file, byte[] head) {
        if (head.length < 4 || head[0] != ZIP[0] || head[1] != ZIP[1] || head[2] != ZIP[2] || head[3] != ZIP[3]) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("config.json") != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ImportedModel open(Path file) throws ImportException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String config = text(zip, "config.json", file);
            ZipEntry meta = zip.getEntry("metadata.json");
            String version = meta == null ? null : KerasJsonImporter.versionOf(text(zip, "metadata.json", file));
            ZipEntry w = zip.getEntry("model.weights.h5");
            if (w == null) {
                throw new ImportException(file + ": the archive has no model.weights.h5");
            }
            // Large weight files are not held twice in memory: jhdf reads the entry from a temporary copy.
            Path tmp = Files.createTempFile("decoderlens-keras-", ".weights.h5");
            try {
                try (InputStream in = zip.getInputStream(w)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                try (HdfFile h5 = new HdfFile(tmp)) {
                    String prefix = Hdf5Weights.child(h5, "layers") != null ? "layers" : "_layer_checkpoint_dependencies";
                    ModelConfig model = KerasHdf5Importer.parse(file, config);
                    return rename(KerasHdf5Importer.build(file, model, Hdf5Weights.vars(h5, prefix), version, null), version);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (ImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImportException(file + ": cannot read the Keras archive (" + ModelConfig.firstLine(e.getMessage()) + ")", e);
        }
    }

    private static ImportedModel rename(ImportedModel m, String version) {
        return new ImportedModel("Keras archive" + (version == null ? "" : " (Keras " + version + ")"), m.source(), m.graph(),
                m.inputs(), m.ioLayout());
    }

    private static String text(ZipFile zip, String name, Path file) throws IOException, ImportException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new ImportException(file + ": the archive has no " + name);
        }
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
