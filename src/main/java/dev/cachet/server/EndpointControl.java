package dev.cachet.server;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.EndpointSettings;

import java.time.InstantSource;
import java.util.List;

/**
 * The endpoint as the window drives it: on, off or moved to another address as the settings say, with
 * what it is doing in one line; and the tokens. One per workbench; {@link #close()} stops the server.
 */
public final class EndpointControl implements AutoCloseable {

    /** @param problem why it is not serving although asked to (port taken, ...), else null */
    public record Status(boolean serving, String baseUrl, String problem) {
        public String describe() {
            if (serving) return "serving " + baseUrl;
            return problem == null ? "off" : "not serving: " + problem;
        }
    }

    private final Engine engine;
    private final TokenStore tokens;
    // guarded by this
    private EndpointServer server;
    private EndpointSettings running;
    private Status status = new Status(false, null, null);

    public EndpointControl(Engine engine) {
        this.engine = engine;
        this.tokens = new TokenStore(engine.database(), InstantSource.system());
    }

    /** Starts, stops or restarts the endpoint to match {@code settings} (enabled, host, port); blocking, call off the UI thread. */
    public synchronized Status apply(EndpointSettings settings) {
        if (settings.enabled() && server != null && settings.equals(running)) return status;
        stopServer();
        if (!settings.enabled()) {
            status = new Status(false, null, null);
            return status;
        }
        try {
            server = EndpointServer.start(engine, settings, tokens);
            running = settings;
            status = new Status(true, server.baseUrl(), null);
        } catch (EndpointServer.EndpointException e) {
            status = new Status(false, null, e.getMessage());
        }
        return status;
    }

    public synchronized Status status() { return status; }

    /** A new token for {@code label}, replacing its old one: the only time it is shown. */
    public String issueToken(String label) { return tokens.issue(label); }

    public List<String> tokenLabels() { return tokens.labels(); }

    private void stopServer() {
        if (server == null) return;
        server.close();
        server = null;
        running = null;
    }

    @Override public synchronized void close() {
        stopServer();
        status = new Status(false, null, null);
    }
}
