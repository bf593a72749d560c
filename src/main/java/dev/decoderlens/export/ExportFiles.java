package dev.decoderlens.export;

import dev.decoderlens.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every export write goes through here: atomic (temporary file, then move), never replacing a file unless asked,
 * and a failure becomes one IOException whose message says which file and why in words (missing folder, no
 * permission, disk full, already exists), so the window can show it and keep the session.
 */
public final class ExportFiles {
    private ExportFiles() {
    }

    public static void write(Path file, AtomicFiles.Writer writer, boolean overwrite) throws IOException {
        checkFolder(file.toAbsolutePath().getParent());
        try {
            AtomicFiles.write(file, writer, overwrite);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    public static void write(Path file, byte[] bytes, boolean overwrite) throws IOException {
        write(file, out -> out.write(bytes), overwrite);
    }

    /** Refuses a folder that is missing, is a file, or cannot be written, before any work is spent. */
    public static void checkFolder(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            throw new IOException("the folder " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a folder");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("no permission to write in " + dir);
        }
    }

    /** Makes {@code dir} (and its parents) when missing; a clear message when that is impossible. */
    public static Path ensureFolder(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + ": " + reason(e), e);
        }
        checkFolder(dir);
        return dir;
    }

    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists (overwriting was not asked for)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "the disk is full";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return m;
    }
}
