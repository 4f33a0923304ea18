package dev.cachet.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.provider.ProviderRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/chat/completions}: one pipeline call per request, answered as a JSON completion or as
 * an OpenAI event stream. A failure before the first token is an HTTP status (429, 503, ...); after it,
 * an {@code error} event ends the stream without {@code [DONE]}, so no client mistakes a cut answer for a
 * whole one. The client closing its connection cancels the pipeline call, and with it the model call.
 */
final class ChatCompletions {

    private final Engine engine;
    private final TemplateRequests templates;

    ChatCompletions(Engine engine, TemplateRequests templates) {
        this.engine = engine;
        this.templates = templates;
    }

    /** Every model a client may name, "provider/model", and the embedding model. */
    List<String[]> models(String embeddingModel) {
        var out = new ArrayList<String[]>();
        for (ProviderRegistry.Entry e : engine.providers().entries()) {
            var names = new LinkedHashSet<String>();
            names.add(e.defaultModel());
            names.addAll(e.knownModels());
            for (String m : names) out.add(new String[]{e.provider().id() + "/" + m, e.provider().id()});
        }
        out.add(new String[]{embeddingModel, "cachet"});
        return out;
    }

    private Set<String> providerIds() {
        return engine.providers().entries().stream().map(e -> e.provider().id()).collect(Collectors.toSet());
    }

    void serve(Request http, Response response, JsonNode body, CacheMode mode, OpenAiHandler.Served served)
            throws ApiError.Problem, IOException {
        var parsed = ChatCompletionRequest.parse(body, providerIds(), mode);
        ChatRequest request = parsed.target() instanceof ModelName.Template t ? templates.render(t, parsed.request()) : parsed.request();
        var cancellation = new Cancellation();
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        try (var watch = DisconnectWatch.start(http, cancellation::cancel)) {
            if (parsed.stream()) {
                var sse = new EventStream(response, id, created, parsed.model(), parsed.includeUsage(), cancellation);
                ChatResult result = engine.pipeline().execute(request, sse, cancellation);
                served.outcome = Outcome.of(result);
                finishStream(sse, result, served, watch);
            } else {
                ChatResult.Answered a = complete(engine, request, cancellation, served);
                watch.close();
                headers(response, a.source(), watch);
                OpenAiHandler.Exchanges.sendJson(response, 200,
                        OpenAiJson.completion(id, created, a.model().toString(), a.text(), a.finish(), a.usage()));
            }
        }
    }

    /** Runs a non-streamed request: the answer, or the failure as the status it maps to (a cancelled call: the client is gone). */
    static ChatResult.Answered complete(Engine engine, ChatRequest request, Cancellation cancellation, OpenAiHandler.Served served)
            throws ApiError.Problem, IOException {
        ChatResult result = engine.pipeline().execute(request, TokenListener.NONE, cancellation);
        served.outcome = Outcome.of(result);
        return switch (result) {
            case ChatResult.Answered a -> a;
            case ChatResult.Failed f -> throw ErrorMapping.of(f.error()).asProblem();
            case ChatResult.Cancelled c -> throw new IOException("client closed the connection; request cancelled");
        };
    }

    private static void headers(Response response, AnswerSource source, DisconnectWatch watch) {
        response.getHeaders().put("X-Cachet-Source", switch (source) {
            case EXACT_CACHE -> "exact-hit";
            case SEMANTIC_CACHE -> "semantic-hit";
            case MODEL -> "model";
            case REPEAT -> "repeat";
            case DATA -> "data";
        });
        if (watch.clientSentMore()) response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private static void finishStream(EventStream sse, ChatResult result, OpenAiHandler.Served served, DisconnectWatch watch)
            throws ApiError.Problem, IOException {
        switch (result) {
            case ChatResult.Answered a -> {
                watch.close();
                sse.open(a.source(), watch);
                sse.finish(a.finish(), a.usage());
            }
            case ChatResult.Failed f -> {
                ApiError e = ErrorMapping.of(f.error());
                if (!sse.opened()) throw e.asProblem();
                served.status = e.status();
                sse.fail(e);
            }
            case ChatResult.Cancelled c -> throw new IOException("client closed the connection; stream cancelled");
        }
    }

    /**
     * The SSE side of one request: opens (status 200, event-stream headers, the role chunk) at the first
     * token, writes a chunk per token, and stops writing (cancelling the call) once a write fails.
     */
    private static final class EventStream implements TokenListener {
        private final Response response;
        private final String id;
        private final long created;
        private final boolean includeUsage;
        private final Cancellation cancellation;
        private final String model;
        private boolean opened;
        private boolean broken;

        /** @param model as the client named it (chunks go out before the pipeline has resolved it) */
        EventStream(Response response, String id, long created, String model, boolean includeUsage, Cancellation cancellation) {
            this.response = response;
            this.model = model;
            this.id = id;
            this.created = created;
            this.includeUsage = includeUsage;
            this.cancellation = cancellation;
        }

        boolean opened() { return opened; }

        /** Commits the 200 and the event-stream headers; {@code source} is known only when nothing streamed before. */
        void open(AnswerSource source, DisconnectWatch watch) throws IOException {
            if (opened) return;
            opened = true;
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            if (source != null) headers(response, source, watch);
            send(OpenAiJson.chunk(id, created, model, "assistant", "", null, includeUsage));
        }

        @Override public void onToken(String token) {
            if (broken) return;
            try {
                if (!opened) open(null, null);
                send(OpenAiJson.chunk(id, created, model, null, token, null, includeUsage));
            } catch (IOException e) {
                broken = true;
                cancellation.cancel(); // the client is gone: stop the model too
            }
        }

        void finish(dev.cachet.engine.chat.FinishReason finish, dev.cachet.engine.chat.Usage usage) throws IOException {
            send(OpenAiJson.chunk(id, created, model, null, null, OpenAiJson.finishReason(finish), includeUsage));
            if (includeUsage) send(OpenAiJson.usageChunk(id, created, model, usage));
            write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII), true);
        }

        /** An error after tokens went out: an error event, and no [DONE]. */
        void fail(ApiError e) throws IOException {
            write(("data: " + new String(OpenAiJson.error(e), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8), true);
        }

        private void send(byte[] json) throws IOException {
            byte[] frame = new byte[json.length + 8];
            System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
            System.arraycopy(json, 0, frame, 6, json.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            write(frame, false);
        }

        private void write(byte[] bytes, boolean last) throws IOException {
            if (broken) throw new IOException("client closed the connection");
            Content.Sink.write(response, last, bytes.length == 0 ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(bytes));
        }
    }
}
