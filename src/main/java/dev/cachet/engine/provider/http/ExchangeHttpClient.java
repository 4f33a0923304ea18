package dev.cachet.engine.provider.http;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
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
 *
 * <p>Every streamed event passes a {@link StreamWatch} first, and the end of the stream is decided
 * here, not by langchain4j 1.18: an error event inside the stream is not handed on as data but ends
 * the exchange with an error; a body that ends before the protocol's end marker is an error too
 * ("cut short"), never a completion; and a transport failure the SSE parser caught itself (it reports
 * a reset connection to the listener and returns normally) is recorded as the transport failure.
 */
public final class ExchangeHttpClient implements HttpClient {

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final java.net.http.HttpClient jdk;
    private final Exchange exchange;
    private final StreamWatch watch;

    public ExchangeHttpClient(java.net.http.HttpClient jdk, Exchange exchange, StreamWatch watch) {
        this.jdk = jdk;
        this.exchange = exchange;
        this.watch = watch;
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
        var guarded = new GuardedListener(listener);
        HttpResponse<InputStream> response = send(request);
        if (response == null) {
            guarded.error(exchange.transportFailure());
            return;
        }
        exchange.headers(response.headers().map());
        if (response.statusCode() / 100 != 2) {
            String body = readBounded(response.body());
            exchange.refused(new Exchange.HttpRefusal(response.statusCode(), response.headers().map(), body));
            guarded.error(new HttpException(response.statusCode(), body));
            return;
        }
        var open = SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(response.headers().map()).build();
        quietly(() -> listener.onOpen(open));
        try (InputStream in = exchange.attach(response.body())) {
            parser.parse(in, guarded);
        } catch (IOException | RuntimeException e) {
            guarded.onError(e);
        }
        guarded.end();
    }

    /**
     * Stands between the parser and langchain4j's listener: lets each event past the watch, turns an
     * error event into an error, and delivers exactly one outcome (close or error) when the body ends.
     */
    private final class GuardedListener implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        private boolean delivered;

        GuardedListener(ServerSentEventListener delegate) { this.delegate = delegate; }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (delivered) return;
            switch (watch.read(event.event(), event.data())) {
                case DATA -> delegate.onEvent(event, context);
                case ERROR -> {
                    context.parsingHandle().cancel();
                    error(new StreamErrorException(watch.error()));
                }
            }
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            onEvent(event, new ServerSentEventContext(new dev.langchain4j.http.client.sse.CancellationUnsupportedHandle()));
        }

        /** The parser's own catch: a reset or closed connection while reading the body. */
        @Override
        public void onError(Throwable t) {
            if (delivered) return;
            if (exchange.aborted() != null) {
                error(new IOException("exchange aborted: " + exchange.aborted()));
            } else if (watch.answerComplete()) {
                exchange.lostAfterAnswer(t); // the text is whole; end() completes it
            } else {
                exchange.transportFailed(t);
                error(t);
            }
        }

        /** The body has ended (or the parser gave up): complete only what the protocol says is complete. */
        void end() {
            if (delivered) return;
            if (exchange.aborted() != null) {
                error(new IOException("exchange aborted: " + exchange.aborted()));
            } else if (watch.answerComplete()) {
                delivered = true;
                quietly(delegate::onClose);
            } else {
                exchange.cutShort(true);
                error(new IOException("the stream ended before " + watch.endMarkerName()));
            }
        }

        void error(Throwable t) {
            if (delivered) return;
            delivered = true;
            quietly(() -> delegate.onError(t));
        }
    }

    /** An error the server sent inside a stream that had started with 200. */
    public static final class StreamErrorException extends IOException {
        private final StreamWatch.StreamError error;

        StreamErrorException(StreamWatch.StreamError error) {
            super("error event in the stream: " + error);
            this.error = error;
        }

        public StreamWatch.StreamError error() { return error; }
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
