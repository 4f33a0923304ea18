package dev.cachet.engine.provider.http;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * The langchain4j HTTP client for one exchange, over a shared JDK client. Streams synchronously on
 * the calling (virtual) thread, records refusals and transport failures in the {@link Exchange}, and
 * lets the exchange abort the request or close the body so that a cancelled stream closes its
 * connection instead of being read and ignored.
 */
public final class ExchangeHttpClient implements HttpClient {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final java.net.http.HttpClient jdk;
    private final Exchange exchange;

    public ExchangeHttpClient(java.net.http.HttpClient jdk, Exchange exchange) {
        this.jdk = jdk;
        this.exchange = exchange;
    }

    /** A builder langchain4j model builders accept; every build returns this exchange's client. */
    public HttpClientBuilder builder() {
        var self = this;
        return new HttpClientBuilder() {
            private Duration connect;
            private Duration read;
            @Override public Duration connectTimeout() { return connect; }
            @Override public HttpClientBuilder connectTimeout(Duration d) { connect = d; return this; }
            @Override public Duration readTimeout() { return read; }
            @Override public HttpClientBuilder readTimeout(Duration d) { read = d; return this; }
            @Override public HttpClient build() { return self; }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        HttpResponse<InputStream> response = send(request);
        if (response == null) throw new IllegalStateException("request to " + request.url() + " failed", exchange.transportFailure());
        try (InputStream in = exchange.attach(response.body())) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (response.statusCode() / 100 != 2) {
                exchange.refused(new Exchange.HttpRefusal(response.statusCode(), response.headers().map(), body));
                throw new HttpException(response.statusCode(), body);
            }
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(body).build();
        } catch (IOException e) {
            exchange.transportFailed(e);
            throw new IllegalStateException("reading " + request.url() + " failed", e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        HttpResponse<InputStream> response = send(request);
        if (response == null) {
            quietly(() -> listener.onError(exchange.transportFailure()));
            return;
        }
        if (response.statusCode() / 100 != 2) {
            String body = readBounded(response.body());
            exchange.refused(new Exchange.HttpRefusal(response.statusCode(), response.headers().map(), body));
            quietly(() -> listener.onError(new HttpException(response.statusCode(), body)));
            return;
        }
        var open = SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(response.headers().map()).build();
        quietly(() -> listener.onOpen(open));
        try (InputStream in = exchange.attach(response.body())) {
            parser.parse(in, listener);
        } catch (IOException | RuntimeException e) {
            exchange.transportFailed(e);
            quietly(() -> listener.onError(e));
            return;
        }
        if (exchange.aborted() == null) quietly(listener::onClose);
        else quietly(() -> listener.onError(new IOException("exchange aborted: " + exchange.aborted())));
    }

    /** Sends and waits for the response head; null (failure recorded) when it did not arrive. */
    private HttpResponse<InputStream> send(HttpRequest request) {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) values.forEach(v -> builder.header(name, v));
        });
        builder.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        var future = jdk.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        exchange.pending(future);
        try {
            HttpResponse<InputStream> response = future.get();
            exchange.markActivity();
            return response;
        } catch (ExecutionException e) {
            exchange.transportFailed(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            exchange.transportFailed(new IOException("exchange aborted: " + exchange.aborted()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            exchange.transportFailed(e);
        }
        return null;
    }

    private static String readBounded(InputStream in) {
        try (in) {
            return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void quietly(Runnable r) {
        try { r.run(); } catch (RuntimeException ignored) { /* a listener failure must not hide the exchange's outcome */ }
    }
}
