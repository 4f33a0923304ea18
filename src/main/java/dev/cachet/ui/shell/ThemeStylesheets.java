package dev.cachet.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Finds theme CSS: first in the given folders (the working directory's {@code themes/}, then the data
 * dir's), else the copy inside the jar. Stylesheets are handed out as {@code data:} URIs so that an
 * edited file is a new stylesheet to JavaFX and reloads without restarting.
 */
public final class ThemeStylesheets {

    private final List<Path> folders;

    public ThemeStylesheets(List<Path> folders) { this.folders = List.copyOf(folders); }

    public static ThemeStylesheets standard(Path dataDir) {
        return new ThemeStylesheets(List.of(Path.of("themes").toAbsolutePath(), dataDir.resolve("themes")));
    }

    public List<Path> folders() { return folders; }

    /** The theme's stylesheets plus user.css when one exists, in the order they apply. */
    public List<String> stylesheets(Theme theme) {
        var out = new ArrayList<String>();
        for (String name : names(theme)) read(name).ifPresent(css -> out.add(dataUri(css)));
        return out;
    }

    /** Changes whenever a file the theme uses is added, removed or edited: what the live reload polls. */
    public String fingerprint(Theme theme) {
        var sb = new StringBuilder();
        for (String name : names(theme)) {
            Optional<Path> file = find(name);
            if (file.isPresent()) {
                try {
                    sb.append(file.get()).append('@').append(Files.getLastModifiedTime(file.get()).toMillis())
                            .append('#').append(Files.size(file.get()));
                } catch (IOException e) {
                    sb.append(file.get()).append("@unreadable");
                }
            } else {
                sb.append(name).append("@jar");
            }
            sb.append(';');
        }
        return sb.toString();
    }

    /** Where user.css is (or would be) read from: the first folder that exists, else the first folder. */
    public Path userCssLocation() {
        return folders.stream().filter(Files::isDirectory).findFirst().orElse(folders.getFirst()).resolve(Theme.USER_CSS);
    }

    private static List<String> names(Theme theme) {
        var names = new ArrayList<>(theme.files());
        names.add(Theme.USER_CSS);
        return names;
    }

    private Optional<Path> find(String name) {
        return folders.stream().map(f -> f.resolve(name)).filter(Files::isRegularFile).findFirst();
    }

    Optional<String> read(String name) {
        Optional<Path> file = find(name);
        try {
            if (file.isPresent()) return Optional.of(Files.readString(file.get()));
            if (Theme.USER_CSS.equals(name)) return Optional.empty();
            try (InputStream in = ThemeStylesheets.class.getResourceAsStream("/themes/" + name)) {
                if (in == null) throw new IllegalStateException("theme file themes/" + name + " is missing from the jar");
                return Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read theme file " + file.map(Path::toString).orElse(name), e);
        }
    }

    private static String dataUri(String css) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
