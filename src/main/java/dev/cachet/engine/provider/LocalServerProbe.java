package dev.cachet.engine.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks whether a model server answers at a base URL, quickly, so start-up never waits on a dead port. */
public final class LocalServerProbe {

    private final HttpClient http;
    private final Duration timeout;

    public LocalServerProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** True when {@code GET baseUrl + path} answers 2xx within the timeout. */
    public boolean answers(String baseUrl, String path) {
        try {
            var request = HttpRequest.newBuilder(URI.create(stripSlash(baseUrl) + path)).timeout(timeout).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String stripSlash(String s) { return s.endsWith("/") ? s.substring(0, s.length() - 1) : s; }
}
