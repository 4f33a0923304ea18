package dev.cachet.ui.settings;

import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.server.EndpointControl;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.Locale;

/**
 * The Endpoint section of Settings: on/off, address and port (saved with the other settings, and applied
 * to the running endpoint on Save), what the endpoint is doing, and a new bearer token shown once.
 */
public final class EndpointForm {

    private final EndpointControl control;
    private final UiThread ui;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final SettingField host;
    private final SettingField port;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper(this, "token", "");
    private final long maxBodyBytes;

    EndpointForm(EndpointControl control, EndpointSettings saved, UiThread ui, Runnable changed) {
        this.control = control;
        this.ui = ui;
        this.maxBodyBytes = saved.maxBodyBytes();
        this.host = new SettingField("Address", saved.host());
        this.port = new SettingField("Port", Integer.toString(saved.port()));
        enabled.set(saved.enabled());
        enabled.addListener((o, a, b) -> changed.run());
        host.textProperty().addListener((o, a, b) -> changed.run());
        port.textProperty().addListener((o, a, b) -> changed.run());
        status.set(control.status().describe());
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public SettingField host() { return host; }
    public SettingField port() { return port; }
    /** "serving http://127.0.0.1:8484/v1", "off", or why it could not start. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** The token just issued (shown once; empty otherwise). */
    public ReadOnlyStringProperty tokenProperty() { return token.getReadOnlyProperty(); }
    public String tokenLabels() { return String.join(", ", control.tokenLabels()); }

    void load(EndpointSettings s) {
        enabled.set(s.enabled());
        host.setText(s.host());
        port.setText(Integer.toString(s.port()));
    }

    /** The settings the fields describe, or null (with each field's message set) when one is wrong. */
    EndpointSettings validate() {
        String h = host.text().strip();
        Integer p = null;
        host.error(h.isEmpty() ? "an address to bind, e.g. 127.0.0.1 (this machine only)" : "");
        host.note(h.isEmpty() || isLoopback(h) ? "" : "reachable from other machines: anyone with a token can use this Cachet");
        try {
            int v = Integer.parseInt(port.text().strip());
            if (v < 1 || v > 65_535) throw new NumberFormatException();
            p = v;
            port.error("");
        } catch (NumberFormatException e) {
            port.error("a TCP port, 1 to 65535 (e.g. 8484)");
        }
        if (h.isEmpty() || p == null) return null;
        return new EndpointSettings(enabled.get(), h, p, maxBodyBytes);
    }

    private static boolean isLoopback(String h) {
        String s = h.toLowerCase(Locale.ROOT);
        return s.equals("localhost") || s.startsWith("127.") || s.equals("::1");
    }

    /** Starts, stops or moves the running endpoint to match {@code s} (on Save, and at start); the status says how it went. */
    public void apply(EndpointSettings s) {
        status.set(s.enabled() ? "starting…" : "stopping…");
        Thread.ofVirtual().name("endpoint-apply").start(() -> {
            EndpointControl.Status now = control.apply(s);
            ui.run(() -> status.set(now.describe()));
        });
    }

    /** Issues a new token for the workbench's label, replacing the old one; it shows until the next one. */
    public void newToken() {
        token.set(control.issueToken("workbench"));
    }
}
