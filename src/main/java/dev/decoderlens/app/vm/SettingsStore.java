package dev.decoderlens.app.vm;

import dev.decoderlens.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The window's remembered settings: a small properties file under the user's config directory
 * ({@code $XDG_CONFIG_HOME/decoderlens} or {@code ~/.config/decoderlens}). A missing or unreadable file means
 * defaults; a failed write is reported but never stops the window.
 */
public final class SettingsStore {
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store in the user's config directory. */
    public static SettingsStore forUser() {
        return new SettingsStore(configDir().resolve("settings.properties"));
    }

    public static Path configDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("decoderlens");
    }

    public Path file() {
        return file;
    }

    /** The stored values, or an empty map when there are none or they cannot be read. */
    public Map<String, String> load() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return out;
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    public void save(Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter w = new StringWriter();
        p.store(w, "DecoderLens window settings");
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets everything: the next start uses defaults. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
