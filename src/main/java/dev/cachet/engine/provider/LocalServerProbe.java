package dev.cachet.engine.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks whether a model server answers at a base URL, quickly, so start-up never waits on a dead port. */
public final class LocalServerProbe {

    private final Duration timeout;

    public LocalServerProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** True when {@code GET baseUrl + path} answers 2xx within the timeout. */
    public boolean answers(String baseUrl, String path) {
        try {
            URI uri = URI.create(stripSlash(baseUrl) + path);
            // Usually nothing listens: a plain connect says so in a millisecond, without building an
            // HttpClient (which initialises TLS, ~0.3 s of start-up on a small machine).
            if (!accepts(uri)) return false;
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
            var request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean accepts(URI uri) {
        if (uri.getHost() == null) return false;
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String stripSlash(String s) { return s.endsWith("/") ? s.substring(0, s.length() - 1) : s; }
}
