package dev.cachet.ui.shell;

import java.util.Locale;

/** The panes of the workbench, in navigation order (Ctrl+1 … Ctrl+6). */
public enum PaneId {
    CHAT("Chat"), DASHBOARD("Dashboard"), TEMPLATES("Templates"), EXPERIMENTS("Experiments"), SETTINGS("Settings"),
    COLLECTIONS("Collections");

    private final String title;
    PaneId(String title) { this.title = title; }
    public String title() { return title; }
    public int shortcut() { return ordinal() + 1; }

    /** Parses a pane name as typed on the command line ("chat", "Dashboard"). */
    public static PaneId parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown pane '" + name + "'; panes: chat, dashboard, templates, experiments, settings, collections");
        }
    }
}
