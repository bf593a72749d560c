package dev.decoderlens.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to see a comparison again exactly: the image (path and SHA-256 of its bytes), the crop, the
 * experiment settings (paths, initialisers, seeds), the preset it started from and the view settings. Saved as
 * JSON; the window restores the last one at start, {@code render --session} reads one.
 *
 * @param image    the image file as the user gave it, and the SHA-256 of its bytes (hex) when saved
 * @param crop     the crop rectangle in image pixels
 * @param preset   the preset the settings started from, or null when they were built by hand
 * @param settings encoder, input scaling, colour mode, both decoder paths with their seeds
 * @param view     what the window showed
 */
public record Session(ImageRef image, Preset.Crop crop, String preset, ExperimentSettings settings, View view) {
    public static final String FORMAT = "decoderlens-session";
    public static final int VERSION = 1;
    /** The format of export sidecars and reports, which hold a session under "session". */
    public static final String EXPORT_FORMAT = "decoderlens-export";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** The image file and the fingerprint of its bytes. */
    public record ImageRef(String path, String sha256) {
        public static ImageRef of(Path file) throws IOException {
            return new ImageRef(file.toAbsolutePath().normalize().toString(), Session.sha256(file));
        }
    }

    /**
     * The view: selected layer of each path (node names, null for none), colour map, normalisation, zoom (1-8).
     */
    public record View(String layerA, String layerB, ColorMap colorMap, Normalization normalization, int scale) {
        public static final View DEFAULT = new View(null, null, ColorMap.VIRIDIS, Normalization.PER_LAYER, 2);

        public View {
            Objects.requireNonNull(colorMap, "colorMap");
            Objects.requireNonNull(normalization, "normalization");
            if (scale < 1 || scale > 8) {
                throw new IllegalArgumentException("scale must be 1 to 8, got " + scale);
            }
        }
    }

    public Session {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(settings, "settings");
        view = view == null ? View.DEFAULT : view;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        JsonObject img = new JsonObject();
        img.addProperty("path", image.path());
        img.addProperty("sha256", image.sha256());
        o.add("image", img);
        o.add("crop", crop(crop));
        if (preset != null) {
            o.addProperty("preset", preset);
        }
        o.add("settings", SessionJson.settings(settings));
        JsonObject v = new JsonObject();
        v.addProperty("layerA", view.layerA());
        v.addProperty("layerB", view.layerB());
        v.addProperty("colorMap", view.colorMap().id());
        v.addProperty("normalization", view.normalization().id());
        v.addProperty("scale", view.scale());
        o.add("view", v);
        return o;
    }

    public static JsonObject crop(Preset.Crop c) {
        JsonObject o = new JsonObject();
        o.addProperty("x", c.x());
        o.addProperty("y", c.y());
        o.addProperty("width", c.width());
        o.addProperty("height", c.height());
        return o;
    }

    /**
     * Reads a session document, or the session inside an export's sidecar; the message of a
     * {@link SessionJson.FormatException} names the bad field.
     */
    public static Session fromJson(JsonObject o) {
        String format = o.has("format") ? SessionJson.str(o, "format", "session") : "";
        if (EXPORT_FORMAT.equals(format) && o.has("session")) {
            return fromJson(SessionJson.obj(o, "session", "export"));
        }
        if (!FORMAT.equals(format)) {
            throw new SessionJson.FormatException("not a DecoderLens session (format is '" + format + "', expected '" + FORMAT + "')");
        }
        int version = SessionJson.integer(o, "version", "session");
        if (version > VERSION) {
            throw new SessionJson.FormatException("session version " + version + " is newer than this DecoderLens reads (" + VERSION + ")");
        }
        JsonObject img = SessionJson.obj(o, "image", "session");
        JsonObject c = SessionJson.obj(o, "crop", "session");
        Preset.Crop crop = new Preset.Crop(SessionJson.integer(c, "x", "crop"), SessionJson.integer(c, "y", "crop"),
                SessionJson.integer(c, "width", "crop"), SessionJson.integer(c, "height", "crop"));
        String preset = o.has("preset") && !o.get("preset").isJsonNull() ? SessionJson.str(o, "preset", "session") : null;
        ExperimentSettings settings = SessionJson.settings(SessionJson.obj(o, "settings", "session"), "settings");
        View view = View.DEFAULT;
        if (o.has("view")) {
            JsonObject v = SessionJson.obj(o, "view", "session");
            try {
                view = new View(optional(v, "layerA"), optional(v, "layerB"), ColorMap.parse(SessionJson.str(v, "colorMap", "view")),
                        Normalization.parse(SessionJson.str(v, "normalization", "view")), SessionJson.integer(v, "scale", "view"));
            } catch (IllegalArgumentException e) {
                throw new SessionJson.FormatException("view: " + e.getMessage());
            }
        }
        String sha = img.has("sha256") && !img.get("sha256").isJsonNull() ? SessionJson.str(img, "sha256", "image") : null;
        return new Session(new ImageRef(SessionJson.str(img, "path", "image"), sha), crop, preset, settings, view);
    }

    private static String optional(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? SessionJson.str(o, key, "view") : null;
    }

    public String toJsonText() {
        return GSON.toJson(toJson()) + "\n";
    }

    /** Writes atomically; an existing file is replaced only when {@code overwrite}. */
    public void write(Path file, boolean overwrite) throws IOException {
        byte[] bytes = toJsonText().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes), overwrite);
    }

    /** Reads a session file; any problem is an IOException whose message names the file and the field. */
    public static Session read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("session file " + file + " does not exist", e);
        }
        try {
            var root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new SessionJson.FormatException("the file is not a JSON object");
            }
            return fromJson(root.getAsJsonObject());
        } catch (JsonParseException | SessionJson.FormatException e) {
            throw new IOException("session " + file + ": " + e.getMessage(), e);
        }
    }

    /** The image file, relative paths read against the session file's folder. */
    public Path imagePath(Path sessionFile) {
        Path p = Path.of(image.path());
        if (!p.isAbsolute() && sessionFile != null && sessionFile.toAbsolutePath().getParent() != null) {
            Path beside = sessionFile.toAbsolutePath().getParent().resolve(p);
            if (Files.exists(beside)) {
                return beside;
            }
        }
        return p;
    }

    /** A warning when the image file's bytes are not the ones the session was saved with; empty when they are. */
    public Optional<String> imageChanged(Path imageFile) throws IOException {
        if (image.sha256() == null || image.sha256().equalsIgnoreCase(sha256(imageFile))) {
            return Optional.empty();
        }
        return Optional.of(imageFile + " has changed since the session was saved (SHA-256 differs): the pictures may differ");
    }

    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
