package dev.cachet.ui.shell;

import java.util.List;
import java.util.Locale;

/** A colour theme: the CSS files it stacks, in order (dark overrides light's variables only). */
public enum Theme {
    LIGHT(List.of("light.css")), DARK(List.of("light.css", "dark.css"));

    /** Loaded after the theme when present, so a person's own tweaks win. */
    public static final String USER_CSS = "user.css";

    private final List<String> files;
    Theme(List<String> files) { this.files = files; }
    public List<String> files() { return files; }
    public String label() { return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT); }

    public static Theme parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown theme '" + name + "'; themes: light, dark");
        }
    }
}
