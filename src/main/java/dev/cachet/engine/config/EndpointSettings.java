package dev.cachet.engine.config;

/**
 * The local OpenAI-compatible endpoint (off by default). The engine only carries these settings; the
 * server itself is an adapter ({@code dev.cachet.server}) beside the window and the CLI.
 *
 * @param enabled      start the endpoint with the workbench
 * @param host         address to bind: loopback unless the user says otherwise
 * @param port         TCP port (0 = any free port, for tests)
 * @param maxBodyBytes request bodies larger than this are refused with 413
 */
public record EndpointSettings(boolean enabled, String host, int port, long maxBodyBytes) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final EndpointSettings DEFAULTS = new EndpointSettings(false, LOOPBACK, 8484, 4L << 20);

    public EndpointSettings {
        host = host == null || host.isBlank() ? LOOPBACK : host.strip();
        if (port < 0 || port > 65_535) throw new InvalidFieldException("endpoint", "port", "must be within 0..65535, was " + port);
        if (maxBodyBytes < 1024) throw new InvalidFieldException("endpoint", "maxBodyBytes", "must be at least 1024, was " + maxBodyBytes);
    }

    public EndpointSettings withEnabled(boolean on) { return new EndpointSettings(on, host, port, maxBodyBytes); }
    public EndpointSettings withPort(int p) { return new EndpointSettings(enabled, host, p, maxBodyBytes); }
    public EndpointSettings withHost(String h) { return new EndpointSettings(enabled, h, port, maxBodyBytes); }
}
