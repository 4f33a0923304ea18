package dev.cachet.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.Engine;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.metrics.EndpointTraffic;
import dev.cachet.engine.metrics.Outcome;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The OpenAI-compatible API over the engine: authenticates every request with a bearer token, reads a
 * bounded body, routes to chat completions, models or embeddings, and records each request with its
 * client for the dashboard. Runs blocking on the virtual thread Jetty gives each request.
 */
final class OpenAiHandler extends Handler.Abstract {

    private final Engine engine;
    private final TokenStore tokens;
    /** Most of a refused body read and dropped so that its sender still gets the 413 (see {@link #discard}). */
    private static final long DISCARD_LIMIT = 64L << 20;
    private final long maxBodyBytes;
    private final ChatCompletions chat;
    private final Embeddings embeddings;
    private final AnthropicMessages messages;

    OpenAiHandler(Engine engine, TokenStore tokens, long maxBodyBytes, TemplateRequests templates) {
        super(InvocationType.BLOCKING);
        this.engine = engine;
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
        this.chat = new ChatCompletions(engine, templates);
        this.embeddings = new Embeddings(engine.semantic().cache().embedder());
        this.messages = new AnthropicMessages(engine, engine.providers().entries().stream()
                .map(e -> e.provider().id()).collect(java.util.stream.Collectors.toSet()));
    }

    /** What one request came to, filled in as it is served; recorded when it ends. */
    static final class Served {
        String client = "unauthenticated";
        String model = "";
        int status = 200;
        Outcome outcome;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = request.getBeginNanoTime(); // when its first byte was read: parsing and dispatch count too
        var served = new Served();
        String path = Request.getPathInContext(request);
        String route = route(request.getMethod(), path);
        boolean anthropic = route.equals("messages");
        try {
            served.client = authenticate(request);
            switch (route) {
                case "chat" -> chat.serve(request, response, json(request, served), cacheMode(request), served);
                case "messages" -> messages.serve(request, response, json(request, served), cacheMode(request), served);
                case "embeddings" -> embeddings.serve(response, json(request, served), served);
                case "models" -> Exchanges.sendJson(response, 200, OpenAiJson.models(chat.models(embeddings.modelId())));
                case "method" -> throw new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                        request.getMethod() + " is not allowed on " + path, null).asProblem();
                default -> throw ApiError.notFound("unknown_url", null, "no route " + request.getMethod() + " " + path
                        + " (this endpoint serves POST /v1/chat/completions, GET /v1/models, POST /v1/embeddings, POST /v1/messages)").asProblem();
            }
            callback.succeeded();
        } catch (ApiError.Problem p) {
            served.status = p.error().status();
            try {
                if (anthropic) Exchanges.sendAnthropicError(response, p.error());
                else Exchanges.sendError(response, p.error());
                callback.succeeded();
            } catch (IOException e) {
                callback.failed(e);
            }
        } catch (IOException | RuntimeException e) {
            if (served.status == 200) served.status = 499; // the client went away (or the write failed) mid-answer
            callback.failed(e);
        } finally {
            engine.endpointTraffic().record(new EndpointTraffic.Request(Instant.now(), served.client, path, served.model,
                    served.status, served.outcome, Duration.ofNanos(System.nanoTime() - start)));
        }
        return true;
    }

    private static String route(String method, String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String name = switch (p) {
            case "/v1/chat/completions", "/chat/completions" -> "chat";
            case "/v1/embeddings", "/embeddings" -> "embeddings";
            case "/v1/models", "/models" -> "models";
            case "/v1/messages", "/messages" -> "messages";
            default -> null;
        };
        if (name == null) return "none";
        boolean get = name.equals("models");
        return method.equals(get ? "GET" : "POST") ? name : "method";
    }

    /**
     * The token's label and the caller's program ("ide · OpenAI/Java 4.15.0"). The token comes as
     * {@code Authorization: Bearer} (OpenAI clients) or {@code x-api-key} (Anthropic clients).
     */
    private String authenticate(Request request) throws ApiError.Problem {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String apiKey = request.getHeaders().get("x-api-key");
        String presented;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) presented = header.substring(7).strip();
        else if (apiKey != null) presented = apiKey.strip();
        else throw ApiError.unauthorized("missing bearer token: send 'Authorization: Bearer <token>' "
                    + "(the token is shown once by `cachet serve` or Settings > Endpoint)").asProblem();
        String label = tokens.verify(presented).orElseThrow(() -> ApiError.unauthorized(
                "invalid bearer token: it is not one this Cachet issued (regenerate it with `cachet serve --new-token`)").asProblem());
        String agent = request.getHeaders().get(HttpHeader.USER_AGENT);
        return agent == null || agent.isBlank() ? label : label + " · " + program(agent);
    }

    /** The first product token of a User-Agent, short enough for a table cell. */
    static String program(String agent) {
        String first = agent.strip().split("\\s+")[0];
        return first.length() > 40 ? first.substring(0, 40) + "…" : first;
    }

    private static CacheMode cacheMode(Request request) throws ApiError.Problem {
        String v = request.getHeaders().get("X-Cachet-Cache");
        if (v == null) return CacheMode.USE;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "use" -> CacheMode.USE;
            case "refresh" -> CacheMode.REFRESH;
            case "bypass" -> CacheMode.BYPASS;
            default -> throw ApiError.badRequest(null, "X-Cachet-Cache: '" + v + "' is not use, refresh or bypass").asProblem();
        };
    }

    /** The body as JSON: at most maxBodyBytes (413 past it), well-formed (400 saying where it is not). */
    private JsonNode json(Request request, Served served) throws ApiError.Problem, IOException {
        long declared = request.getLength();
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > maxBodyBytes) {
                discard(in, declared);
                throw ApiError.tooLarge(maxBodyBytes).asProblem();
            }
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                discard(in, -1);  // length unknown (chunked): read up to the limit
                throw ApiError.tooLarge(maxBodyBytes).asProblem();
            }
        }
        if (body.length == 0) throw ApiError.badRequest(null, "the body is empty: send a JSON object").asProblem();
        JsonParser parser = OpenAiJson.MAPPER.getFactory().createParser(body);
        try (parser) {
            JsonNode node = OpenAiJson.MAPPER.readTree(parser);
            if (node != null && node.path("model").isTextual()) served.model = node.get("model").asText();
            return node;
        } catch (JsonProcessingException e) {
            String field = field(parser.getParsingContext().pathAsPointer().toString());
            var at = e.getLocation();
            throw ApiError.badRequest(field, "malformed JSON" + (field == null ? "" : " in " + field)
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + readable(e.getOriginalMessage())).asProblem();
        }
    }

    /**
     * Reads and drops the rest of a refused body, up to {@link #DISCARD_LIMIT} bytes: a client still sending it then
     * reads the 413 instead of a broken pipe (the connection closed under its upload). Past the limit the connection
     * is closed after the answer, as before.
     *
     * @param declared the body's declared length, or -1 when it is sent chunked
     */
    private static void discard(InputStream in, long declared) {
        if (declared > DISCARD_LIMIT) return;
        byte[] sink = new byte[64 * 1024];
        long left = DISCARD_LIMIT;
        try {
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) left -= n;
        } catch (IOException gone) {
            // the client went away: nothing left to answer
        }
    }

    /** Jackson's first line, without its note on how it hides the source. */
    private static String readable(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.replaceAll("\\[Source: [^;\\]]*; (line: \\d+, column: \\d+)]", "[$1]");
    }

    /** "/messages/0/content" -> "messages[0].content"; null for the top level. */
    static String field(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) return null;
        var sb = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) sb.append('[').append(part).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
        }
        return sb.toString();
    }

    /** Helpers shared by the routes. */
    static final class Exchanges {
        private Exchanges() { }

        static void sendJson(Response response, int status, byte[] body) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, ByteBuffer.wrap(body));
        }

        static void sendAnthropicError(Response response, ApiError e) throws IOException {
            if (e.retryAfter() != null) retryAfter(response, e);
            sendJson(response, AnthropicMessages.status(e), AnthropicMessages.error(e));
        }

        private static void retryAfter(Response response, ApiError e) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }

        static void sendError(Response response, ApiError e) throws IOException {
            if (e.retryAfter() != null) retryAfter(response, e);
            if (e.status() == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            sendJson(response, e.status(), OpenAiJson.error(e));
        }
    }
}
