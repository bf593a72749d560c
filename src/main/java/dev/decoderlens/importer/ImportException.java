package dev.decoderlens.importer;

/** A model file that cannot be opened; the message is one line naming the file and, where known, node and op. */
public class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
