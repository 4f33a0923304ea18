package dev.cachet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.RecordedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire contract, byte for byte where clients depend on it: statuses, error bodies, the event stream's end. */
class EndpointProtocolTest {

    @TempDir Path dir;
    private RunningEndpoint endpoint;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach void stop() { if (endpoint != null) endpoint.close(); }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.has("message") && e.has("type") && e.has("param") && e.has("code")).as(r.body()).isTrue();
        return e;
    }

    @Test void missingToken_is401_withAnOpenAiErrorBody() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        var r = post("/chat/completions", "{}", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(error(r).get("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test void bodyOverTheLimit_is413_whetherDeclaredOrStreamed() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST, List.of(), EndpointSettings.DEFAULTS.withPort(0)
                .withHost("127.0.0.1"), TemplateRequests.NONE);
        String big = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5 << 20) + "\"}]}";
        var declared = post("/chat/completions", big, endpoint.token);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(error(declared).get("message").asText()).contains("endpoint.maxBodyBytes");
        var chunked = http.send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + endpoint.token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    /**
     * A client uploading a body over the limit gets the 413, not a broken pipe: the endpoint used to answer and close
     * while the upload was still going (failed a clean-clone CI run: "HTTP/1.1 header parser received no bytes").
     */
    @org.junit.jupiter.api.RepeatedTest(8)
    void aLargeUploadOverTheLimit_readsThe413_notABrokenPipe() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST, List.of(), EndpointSettings.DEFAULTS.withPort(0)
                .withHost("127.0.0.1"), TemplateRequests.NONE);
        String big = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(24 << 20) + "\"}]}";
        assertThat(post("/chat/completions", big, endpoint.token).statusCode()).isEqualTo(413);
        var chunked = http.send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + endpoint.token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test void malformedJson_andBadFields_are400_namingTheField() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        var cut = post("/chat/completions", "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"", endpoint.token);
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(error(cut).get("param").asText()).isEqualTo("messages[0].content"); // where the input stopped
        assertThat(error(cut).get("message").asText()).startsWith("malformed JSON in messages[0].content at line 1").doesNotContain("REDACTED");
        var temp = post("/chat/completions", "{\"model\":\"sim-small\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", endpoint.token);
        assertThat(error(temp).get("param").asText()).isEqualTo("temperature");
        var range = post("/chat/completions", "{\"model\":\"sim-small\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", endpoint.token);
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(error(range).get("param").asText()).isEqualTo("temperature");
        var part = post("/chat/completions", "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}", endpoint.token);
        assertThat(error(part).get("param").asText()).isEqualTo("messages[0].content[0]");
        var noModel = post("/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", endpoint.token);
        assertThat(error(noModel).get("param").asText()).isEqualTo("model");
    }

    @Test void unknownRoute_is404_andWrongMethod_is405() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST);
        assertThat(post("/completions", "{}", endpoint.token).statusCode()).isEqualTo(404);
        assertThat(post("/models", "{}", endpoint.token).statusCode()).isEqualTo(405);
    }

    @Test void streamThatFailsBeforeItsFirstToken_isAStatus_withRetryAfter() throws Exception {
        endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST.withFailures(0, 1.0));
        var r = post("/chat/completions", "{\"model\":\"sim-small\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", endpoint.token);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(error(r).get("type").asText()).isEqualTo("rate_limit_error");
        var down = new RunningEndpoint(dir.resolve("b"), RunningEndpoint.FAST.withFailures(1.0, 0));
        try {
            endpoint.close();
            endpoint = down;
            var r503 = post("/chat/completions", "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", endpoint.token);
            assertThat(r503.statusCode()).isEqualTo(503);
        } finally {
            down.close();
            endpoint = null;
        }
    }

    @Test void streamThatFailsAfterTokens_endsWithAnErrorEvent_andNoDone() throws Exception {
        try (var upstream = new RecordedServer()) {
            upstream.route("/v1/chat/completions", RecordedServer.Reply.of("openai/stream.http").stallingAfter(3));
            var provider = new ProviderConfig("upstream", "openai", upstream.baseUrl() + "/v1", null, "gpt-4o-mini", List.of("gpt-4o-mini"),
                    null, Duration.ofSeconds(2), Duration.ofSeconds(5)); // stall limit: 2 s so a loaded machine's pauses between chunks are not a stall
            endpoint = new RunningEndpoint(dir, RunningEndpoint.FAST, List.of(provider), EndpointSettings.DEFAULTS.withPort(0), TemplateRequests.NONE);
            var r = post("/chat/completions", "{\"model\":\"upstream/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    endpoint.token);
            assertThat(r.statusCode()).isEqualTo(200);
            List<String> events = new ArrayList<>(List.of(r.body().split("\n\n")));
            assertThat(events).anyMatch(e -> e.contains("\"content\":\"Caching\""));
            assertThat(events.getLast()).startsWith("data: {\"error\":").contains("stopped streaming");
            assertThat(r.body()).doesNotContain("[DONE]");
        }
    }
}
