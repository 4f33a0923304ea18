package dev.cachet.server;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.engine.exec.VirtualThreads;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local OpenAI-compatible endpoint: Jetty 12 (its core API, no servlets) with every request handled
 * on its own virtual thread, so a handler simply blocks on the pipeline as the chat pane does. Binds to
 * the configured address (loopback by default). Any app that takes a base URL can send its traffic
 * through the pipeline: caching, routing, limits, fallback, traces and the dashboard.
 *
 * <p>Why Jetty: a maintained server whose core API exposes the connection under a request, which is
 * what lets a closed client connection cancel the model call ({@link DisconnectWatch}); small (four
 * jars, no other dependencies); virtual threads by configuration.
 */
public final class EndpointServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final Engine engine;

    private EndpointServer(Server server, ServerConnector connector, String host, Engine engine) {
        this.server = server;
        this.connector = connector;
        this.host = host;
        this.engine = engine;
    }

    /** Starts serving {@code engine} with {@code settings}; the port is bound when this returns. */
    public static EndpointServer start(Engine engine, EndpointSettings settings, TokenStore tokens) throws EndpointException {
        return start(engine, settings, tokens, TemplateRequests.NONE);
    }

    static EndpointServer start(Engine engine, EndpointSettings settings, TokenStore tokens, TemplateRequests templates)
            throws EndpointException {
        var threads = new QueuedThreadPool(16, 2);
        threads.setName("endpoint");
        // Jetty's few platform threads select and parse; handlers (blocking) run on virtual threads.
        threads.setVirtualThreadsExecutor(VirtualThreads.perTask("endpoint-request"));
        var server = new Server(threads);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        var connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(300_000); // a slow local model may think for minutes before the first token
        server.addConnector(connector);
        server.setHandler(new OpenAiHandler(engine, tokens, settings.maxBodyBytes(), templates));
        server.setStopTimeout(500); // in-flight requests get this long; idle keep-alive connections are simply closed
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is the one to report
            }
            throw new EndpointException("cannot start the endpoint on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (settings.port() != 0 ? " (is another program using port " + settings.port() + "? set endpoint.port or --port)" : ""), e);
        }
        var started = new EndpointServer(server, connector, settings.host(), engine);
        engine.endpointTraffic().servingAt(started.baseUrl());
        return started;
    }

    public int port() { return connector.getLocalPort(); }

    /** What a client puts in its base-URL setting: {@code http://127.0.0.1:8484/v1}. */
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/v1";
    }

    public void join() throws InterruptedException { server.join(); }

    @Override
    public void close() {
        engine.endpointTraffic().servingAt(null);
        try {
            server.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // requests still running after the stop timeout were cut off: what stopping means
        } catch (Exception e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) return;
            throw new IllegalStateException("endpoint did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** The endpoint could not start (port taken, address not local, ...); the message says what to do. */
    public static final class EndpointException extends Exception {
        public EndpointException(String message, Throwable cause) { super(message, cause); }
    }
}
