package dev.cachet.ui.shell;

import dev.cachet.ui.chat.ModelChoice;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Locale;

/** The window around the panes: which pane shows, the theme, and the status bar's texts. */
public final class ShellViewModel {

    private final ObjectProperty<PaneId> pane = new SimpleObjectProperty<>(this, "pane", PaneId.CHAT);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<ModelChoice> activeModel = new SimpleObjectProperty<>(this, "activeModel");
    private final ReadOnlyStringWrapper modelStatus = new ReadOnlyStringWrapper(this, "modelStatus", "");
    private final ReadOnlyStringWrapper cacheStatus = new ReadOnlyStringWrapper(this, "cacheStatus", "");
    private final ReadOnlyStringWrapper rateStatus = new ReadOnlyStringWrapper(this, "rateStatus", "");
    private final ReadOnlyStringWrapper hitRateStatus = new ReadOnlyStringWrapper(this, "hitRateStatus", "");
    private final ReadOnlyStringWrapper teamStatus = new ReadOnlyStringWrapper(this, "teamStatus", "");
    private final ReadOnlyBooleanWrapper teamDown = new ReadOnlyBooleanWrapper(this, "teamDown", false);
    private final ReadOnlyStringWrapper endpointStatus = new ReadOnlyStringWrapper(this, "endpointStatus", "");

    public ShellViewModel(WindowState initial) {
        pane.set(initial.pane());
        theme.set(initial.theme());
        activeModel.addListener((o, was, now) -> modelStatus.set(describe(now)));
        show(StatusFigures.UNKNOWN);
    }

    public ObjectProperty<PaneId> paneProperty() { return pane; }
    public ObjectProperty<Theme> themeProperty() { return theme; }
    public ObjectProperty<ModelChoice> activeModelProperty() { return activeModel; }
    public ReadOnlyStringProperty modelStatusProperty() { return modelStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty cacheStatusProperty() { return cacheStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rateStatusProperty() { return rateStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty hitRateStatusProperty() { return hitRateStatus.getReadOnlyProperty(); }
    /** "team cache: connected" / "team cache unreachable: local only"; empty without a team cache. */
    public ReadOnlyStringProperty teamStatusProperty() { return teamStatus.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty teamDownProperty() { return teamDown.getReadOnlyProperty(); }
    /** "endpoint :8484" while the OpenAI-compatible endpoint serves; empty while it is off. */
    public ReadOnlyStringProperty endpointStatusProperty() { return endpointStatus.getReadOnlyProperty(); }

    /** Selects the pane for a Ctrl+digit shortcut; other digits do nothing. */
    public void selectShortcut(int digit) {
        if (digit >= 1 && digit <= PaneId.values().length) pane.set(PaneId.values()[digit - 1]);
    }

    public void show(StatusFigures f) {
        cacheStatus.set(f.cacheEntries() == null ? "cache: not measured"
                : "cache: " + f.cacheEntries() + (f.cacheEntries() == 1 ? " entry" : " entries") + (f.cacheBytes() == null ? "" : ", " + bytes(f.cacheBytes())));
        rateStatus.set(f.requestsPerSecond() == null ? "req/s: not measured"
                : String.format(Locale.ROOT, "%.1f req/s", f.requestsPerSecond()));
        hitRateStatus.set(f.hitRate() == null ? "hit rate: not measured"
                : String.format(Locale.ROOT, "hit rate %.0f%%", 100 * f.hitRate()));
        teamDown.set(f.teamCache() != null && !f.teamCache().reachable());
        teamStatus.set(f.teamCache() == null ? "" : f.teamCache().reachable() ? "team cache: connected"
                : "team cache unreachable: local cache only");
        endpointStatus.set(f.endpoint() == null ? "" : "endpoint " + f.endpoint());
    }

    static String describe(ModelChoice m) {
        if (m == null) return "no model";
        return m.simulator() ? m.label() + " (built-in simulator, not an LLM)" : m.label();
    }

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
}
