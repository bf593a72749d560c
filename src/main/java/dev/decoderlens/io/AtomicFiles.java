package dev.decoderlens.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see either the old content or the whole new one: temporary file, then move. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("folder " + dir + " does not exist");
        }
        Path tmp;
        try {
            tmp = createPart(dir, abs.getFileName().toString());
        } catch (IOException e) {
            throw new IOException("cannot write in " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty temporary file beside the target. Not {@code Files.createTempFile}: that makes it owner-only
     * (0600), and the move would hand those permissions to the exported file; this one gets the usual ones.
     */
    private static Path createPart(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("." + name + "." + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                return Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Like {@link #write(Path, Writer)}, but refuses to replace an existing file unless {@code overwrite}: exports
     * never overwrite silently (the window asks first, the command line needs its flag).
     */
    public static void write(Path target, Writer writer, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString(), null,
                    "already exists and overwriting was not asked for");
        }
        write(target, writer);
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }
}
