package dev.decoderlens.importer.onnx;

import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporter;
import dev.decoderlens.importer.onnx.ProtoReader.ProtoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens ONNX models (.onnx, protobuf ModelProto) as engine graphs. See docs/ONNX.md for the operators and opsets it
 * reads and how it treats legacy forms, constants and shape plumbing.
 */
public final class OnnxImporter implements ModelImporter {
    /** ModelProto fields and the wire type each must have (onnx.proto): what a model file can start with. */
    private static final Set<Integer> VARINT_FIELDS = Set.of(1, 5);
    private static final Set<Integer> LEN_FIELDS = Set.of(2, 3, 4, 6, 7, 8, 14, 20, 25, 26);

    @Override
    public String formatName() {
        return "ONNX";
    }

    /**
     * A model file is a ModelProto: every field that starts within the head must be a ModelProto field with the
     * right wire type. A head that ends inside a field still matches, so that a truncated file gets the "truncated
     * ONNX file" message rather than "unknown format".
     */
    @Override
    public boolean matches(Path file, byte[] head) {
        ProtoReader r = new ProtoReader(head);
        int fields = 0;
        try {
            while (r.hasMore()) {
                r.readTag();
                boolean ok = r.wireType() == ProtoReader.VARINT ? VARINT_FIELDS.contains(r.field())
                        : r.wireType() == ProtoReader.LEN && LEN_FIELDS.contains(r.field());
                if (!ok) {
                    return false;
                }
                fields++;
                r.skip();
            }
            return fields > 0;
        } catch (ProtoException e) {
            return fields > 0;
        }
    }

    @Override
    public ImportedModel open(Path file) throws ImportException {
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new ImportException(file + ": larger than 2 GB; ONNX models of that size keep their weights in"
                        + " external files, which DecoderLens does not read");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        OnnxProto.Model model;
        try {
            model = OnnxParser.parseModel(bytes);
        } catch (ProtoException e) {
            throw new ImportException(file + ": not a valid ONNX file, truncated or damaged (at byte " + e.offset
                    + " of " + bytes.length + ": " + e.getMessage() + ")", e);
        } catch (OnnxParser.UnsupportedContent e) {
            throw new ImportException(file + ": " + e.getMessage(), e);
        }
        try {
            return new OnnxGraphBuilder(file, model).build();
        } catch (RuntimeException e) { // the last resort of "one clear line, never a stack trace"
            throw new ImportException(file + ": cannot import (" + e + ")", e);
        }
    }
}
