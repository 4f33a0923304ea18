package dev.cachet.ui.shell;

/**
 * What the window remembers between runs. x/y are NaN until the window has been placed once.
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, PaneId pane, Theme theme) {

    public static final WindowState DEFAULTS = new WindowState(Double.NaN, Double.NaN, 1280, 820, false, PaneId.CHAT, Theme.LIGHT);

    public WindowState {
        if (!(width >= 640)) width = DEFAULTS.width();
        if (!(height >= 420)) height = DEFAULTS.height();
        pane = pane == null ? PaneId.CHAT : pane;
        theme = theme == null ? Theme.LIGHT : theme;
    }

    public boolean placed() { return !Double.isNaN(x) && !Double.isNaN(y); }

    public WindowState withPane(PaneId p) { return new WindowState(x, y, width, height, maximized, p, theme); }
    public WindowState withTheme(Theme t) { return new WindowState(x, y, width, height, maximized, pane, t); }
    public WindowState withBounds(double nx, double ny, double w, double h, boolean max) {
        return new WindowState(nx, ny, w, h, max, pane, theme);
    }
}
