package dev.cachet.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible model server on 127.0.0.1 that misbehaves on purpose, for the fault suite: it
 * answers {@code POST /v1/chat/completions} as a stream in OpenAI's wire format (the chunks of the
 * recorded {@code stream.http}), and {@code GET /v1/models}, and can instead refuse (429 with
 * {@code Retry-After} and {@code x-ratelimit-*} headers, 500, 503), hold back the first token, cut
 * the stream after some chunks without its end marker, reset the connection, stall, or send malformed
 * JSON. A request budget makes it a server that allows only so many requests a second, as a hosted API
 * does. Plain HTTP/1.1 on a socket, so every one of those failures is the real thing on the wire.
 *
 * <p>It counts what it did: requests, refusals, complete answers per prompt (a second complete answer
 * to the same prompt is a duplicate call).
 */
public final class FaultServer extends LoopbackHttpServer {

    /** What the server does with a chat request. */
    public enum Mode { ANSWER, STATUS, CUT, RESET, STALL, MALFORMED }

    /**
     * @param mode         the fault
     * @param status       the status a STATUS reply sends (429, 500, 503, 401, ...)
     * @param firstToken   how long to hold back the first token (headers go at once)
     * @param chunks       for CUT / RESET / STALL: answer chunks sent before the fault
     * @param echoKey      a 401 quotes the Authorization header back, as a careless proxy does
     */
    public record Behaviour(Mode mode, int status, Duration firstToken, int chunks, boolean echoKey) {
        public static Behaviour answer() { return new Behaviour(Mode.ANSWER, 200, Duration.ZERO, 0, false); }
        public static Behaviour status(int status) { return new Behaviour(Mode.STATUS, status, Duration.ZERO, 0, false); }
        public static Behaviour cutAfter(int chunks) { return new Behaviour(Mode.CUT, 200, Duration.ZERO, chunks, false); }
        public static Behaviour resetAfter(int chunks) { return new Behaviour(Mode.RESET, 200, Duration.ZERO, chunks, false); }
        public static Behaviour stallAfter(int chunks) { return new Behaviour(Mode.STALL, 200, Duration.ZERO, chunks, false); }
        public static Behaviour malformed() { return new Behaviour(Mode.MALFORMED, 200, Duration.ZERO, 0, false); }
        public static Behaviour unauthorizedEchoingKey() { return new Behaviour(Mode.STATUS, 401, Duration.ZERO, 0, true); }
        public Behaviour firstTokenAfter(Duration d) { return new Behaviour(mode, status, d, chunks, echoKey); }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refusedForRate = new AtomicLong();
    private final AtomicLong modelListings = new AtomicLong();
    private volatile Behaviour behaviour = Behaviour.answer();
    private volatile ServerBudget budget;

    public FaultServer() { super("fault-server"); }

    /** The base URL an OpenAI-kind provider is configured with. */
    public String baseUrl() { return "http://127.0.0.1:" + port() + "/v1"; }

    /** Changes what the server does from the next request on. */
    public FaultServer behave(Behaviour b) {
        behaviour = b;
        return this;
    }

    /** Allows only {@code perSecond} requests a second (bucket of {@code burst}); more get 429 with Retry-After. */
    public FaultServer allow(double perSecond, int burst) {
        budget = new ServerBudget(perSecond, burst);
        return this;
    }

    public long requests() { return requests.get(); }

    /** 429s the server sent because its request budget was spent (the client should have absorbed every one). */
    public long refusedForRate() { return refusedForRate.get(); }

    public long modelListings() { return modelListings.get(); }

    /** Complete answers beyond the first to the same prompt: model calls a cache or a retry should have saved. */
    public long duplicateCalls() {
        return completed.values().stream().mapToLong(a -> Math.max(0, a.get() - 1)).sum();
    }

    public long completedAnswers() { return completed.values().stream().mapToLong(AtomicInteger::get).sum(); }

    /** The answer the server streams for a prompt: deterministic, so a stored answer can be checked word for word. */
    public static List<String> answerChunks(String prompt) {
        return List.of("Answer", " to", ": ", prompt.strip(), ".");
    }

    @Override
    protected void serve(Socket s) {
        try {
            var in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed()) {
                Request r = Request.read(in);
                if (r == null || !answer(s, r, out)) return;
            }
        } catch (IOException | InterruptedException clientWentAway) {
            // the client hung up (or the server closed): nothing to answer
        }
    }

    /** Answers one request; false when the connection must not be reused. */
    private boolean answer(Socket s, Request r, OutputStream out) throws IOException, InterruptedException {
        if (r.method().equals("GET") && r.path().endsWith("/models")) {
            modelListings.incrementAndGet();
            Behaviour b = behaviour;
            if (b.mode() == Mode.STATUS && b.status() >= 500) return json(out, b.status(), "{\"error\":{\"message\":\"unavailable\"}}", Map.of());
            return json(out, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fault-model\",\"object\":\"model\",\"owned_by\":\"faults\"}]}", Map.of());
        }
        if (!r.path().endsWith("/chat/completions")) return json(out, 404, "{\"error\":{\"message\":\"no such route\"}}", Map.of());
        requests.incrementAndGet();
        ServerBudget b = budget;
        Map<String, String> limitHeaders = Map.of();
        if (b != null) {
            ServerBudget.Verdict v = b.take();
            limitHeaders = v.headers();
            if (!v.allowed()) {
                refusedForRate.incrementAndGet();
                return json(out, 429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                        limitHeaders);
            }
        }
        Behaviour now = behaviour;
        String prompt = prompt(r.body());
        return switch (now.mode()) {
            case STATUS -> json(out, now.status(), errorBody(now, r), now.status() == 429 ? Map.of("retry-after", "1") : limitHeaders);
            case MALFORMED -> {
                stream(out, limitHeaders);
                chunk(out, "data: {\"id\":\"chatcmpl-f\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\n\n");
                chunk(out, "data: [DONE]\n\n");
                endChunks(out);
                yield true;
            }
            case ANSWER, CUT, RESET, STALL -> play(s, out, now, prompt, limitHeaders);
        };
    }

    private boolean play(Socket s, OutputStream out, Behaviour b, String prompt, Map<String, String> headers)
            throws IOException, InterruptedException {
        stream(out, headers);
        chunk(out, event("{\"role\":\"assistant\",\"content\":\"\"}", null));
        if (b.firstToken().isPositive()) Thread.sleep(b.firstToken());
        List<String> words = answerChunks(prompt);
        for (int i = 0; i < words.size(); i++) {
            if (b.mode() != Mode.ANSWER && i == b.chunks()) return fault(s, out, b);
            chunk(out, event("{\"content\":" + JSON.writeValueAsString(words.get(i)) + "}", null));
        }
        chunk(out, event("{}", "stop"));
        chunk(out, "data: {\"id\":\"chatcmpl-f\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
                + Math.max(1, prompt.length() / 4) + ",\"completion_tokens\":" + words.size() + ",\"total_tokens\":"
                + (Math.max(1, prompt.length() / 4) + words.size()) + "}}\n\n");
        chunk(out, "data: [DONE]\n\n");
        endChunks(out);
        completed.computeIfAbsent(prompt, k -> new AtomicInteger()).incrementAndGet();
        return true;
    }

    private boolean fault(Socket s, OutputStream out, Behaviour b) throws IOException, InterruptedException {
        switch (b.mode()) {
            case RESET -> {
                Thread.sleep(100); // let the client read what was sent: an RST discards unread data on its side
                reset(s);
            }
            case STALL -> {
                // Silent, connection open, until the client gives up and hangs up.
                while (!closed() && !s.isClosed() && s.getInputStream().read() >= 0) {
                    // a client sends nothing on a streaming connection; keep waiting for its close
                }
            }
            default -> {
                endChunks(out); // CUT: the HTTP body ends cleanly, the stream without finish_reason or [DONE]
                return true;
            }
        }
        return false;
    }

    private static String errorBody(Behaviour b, Request r) throws IOException {
        String message = switch (b.status()) {
            case 401 -> "Incorrect API key provided" + (b.echoKey() ? ": " + String.valueOf(r.header("authorization")).replaceFirst("(?i)^bearer ", "") : "") + ".";
            case 429 -> "Rate limit reached";
            case 503 -> "The server is overloaded or not ready yet.";
            default -> "The server had an error while processing your request.";
        };
        return "{\"error\":{\"message\":" + JSON.writeValueAsString(message) + ",\"type\":\"server_error\",\"code\":null}}";
    }

    private static String event(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-f\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"fault-model\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"")
                + "}],\"usage\":null}\n\n";
    }

    private static String prompt(String body) {
        try {
            JsonNode messages = JSON.readTree(body).path("messages");
            return messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1).path("content").asText("") : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean json(OutputStream out, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                .append("content-type: application/json\r\ncontent-length: ").append(bytes.length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        return true;
    }

    private static void stream(OutputStream out, Map<String, String> headers) throws IOException {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\ntransfer-encoding: chunked\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** One HTTP/1.1 request: method, path, headers (lower-case names), body. */
    private record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) { return headers.get(name); }

        static Request read(InputStream in) throws IOException {
            String head = readHead(in);
            if (head == null) return null;
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            var headers = new ConcurrentHashMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            String target = requestLine.length > 1 ? requestLine[1] : "/";
            int q = target.indexOf('?');
            return new Request(requestLine[0], q < 0 ? target : target.substring(0, q), headers, body);
        }
    }
}
