package dev.cachet.ui.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code window.properties} in the data dir. A missing or damaged file gives the defaults, never an error. */
public final class WindowStateFile {

    private static final Logger LOG = Logger.getLogger(WindowStateFile.class.getName());
    private final Path file;

    public WindowStateFile(Path file) { this.file = file; }

    public static WindowStateFile in(Path dataDir) { return new WindowStateFile(dataDir.resolve("window.properties")); }

    public Path file() { return file; }

    public WindowState load() {
        if (!Files.isRegularFile(file)) return WindowState.DEFAULTS;
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            return new WindowState(number(p, "x"), number(p, "y"), number(p, "width"), number(p, "height"),
                    Boolean.parseBoolean(p.getProperty("maximized")),
                    parse(() -> PaneId.parse(p.getProperty("pane", "chat"))),
                    parse(() -> Theme.parse(p.getProperty("theme", "light"))));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            return WindowState.DEFAULTS;
        }
    }

    public void save(WindowState s) {
        var p = new Properties();
        if (s.placed()) {
            p.setProperty("x", Double.toString(s.x()));
            p.setProperty("y", Double.toString(s.y()));
        }
        p.setProperty("width", Double.toString(s.width()));
        p.setProperty("height", Double.toString(s.height()));
        p.setProperty("maximized", Boolean.toString(s.maximized()));
        p.setProperty("pane", s.pane().name().toLowerCase(java.util.Locale.ROOT));
        p.setProperty("theme", s.theme().name().toLowerCase(java.util.Locale.ROOT));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "Cachet window state");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) return Double.NaN;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
