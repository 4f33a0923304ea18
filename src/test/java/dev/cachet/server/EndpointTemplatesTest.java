package dev.cachet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.TemplateSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code model: "template:ID@variant"} on the endpoint as the app starts it: the engine's templates, rendered by the render stage. */
class EndpointTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPPORT = """
            id: support
            variables:
              question: {type: string, required: true}
              product: {type: string, required: true}
            messages:
              system: "You support {{ product }}."
              user: "Customer asks: {{ question }}"
            variants:
              plain:
              terse: {messages: {user: "Briefly, {{ question }}"}}
            """;

    @TempDir Path dir;
    private Path prompts;
    private RunningEndpoint endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach void start() throws Exception {
        prompts = Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(prompts.resolve("support.yaml"), SUPPORT);
        var config = CachetConfig.defaults().withSimulator(RunningEndpoint.FAST).withDefaultProvider("simulator")
                .withTemplates(TemplateSettings.DEFAULTS.withFolders(List.of(prompts.toString())));
        endpoint = new RunningEndpoint(dir.resolve("data"), config);
    }

    @AfterEach void stop() { endpoint.close(); }

    private HttpResponse<String> post(String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + endpoint.token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String answer(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asText();
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error");
    }

    @Test void aTemplateModel_isRenderedFromTheFile_lastUserMessageAsItsQuestion_variablesFromTheBody() throws Exception {
        String body = """
                {"model": "template:support@terse", "variables": {"product": "Cachet"},
                 "messages": [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi, how can I help?"},
                              {"role": "user", "content": "what is a TTL?"}]}""";
        var first = post(body);
        // The simulator answers "Re: <the last message it was sent>": the variant's rendered user message.
        assertThat(answer(first)).startsWith("[simulated answer] Re: \"Briefly, what is a TTL?\"");
        assertThat(first.headers().firstValue("X-Cachet-Source")).hasValue("model");
        assertThat(post(body).headers().firstValue("X-Cachet-Source")).hasValue("exact-hit");

        assertThat(answer(post(body.replace("@terse", "")))).startsWith("[simulated answer] Re: \"Customer asks: what is a TTL?\"");

        // A changed file is a new version: its id@version is in the cache key, so the same request misses.
        Files.writeString(prompts.resolve("support.yaml"), SUPPORT.replace("Briefly, ", "In one line, "));
        endpoint.engine.templates().refresh(prompts.resolve("support.yaml"));
        var edited = post(body);
        assertThat(answer(edited)).startsWith("[simulated answer] Re: \"In one line, what is a TTL?\"");
        assertThat(edited.headers().firstValue("X-Cachet-Source")).hasValue("model");
    }

    @Test void unknownTemplateOrVariant_is404_missingVariable_is400_naming_it() throws Exception {
        var unknown = post("{\"model\":\"template:suport\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).get("message").asText()).contains("no template 'suport'", "did you mean 'template:support'");

        var variant = post("{\"model\":\"template:support@chatty\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(variant.statusCode()).isEqualTo(404);
        assertThat(error(variant).get("message").asText()).contains("no variant 'chatty'", "plain, terse");

        var missing = post("{\"model\":\"template:support\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(error(missing).get("message").asText()).contains("'product'");

        var streamed = post("{\"model\":\"template:support\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(streamed.statusCode()).isEqualTo(400);

        var notObject = post("{\"model\":\"template:support\",\"variables\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(error(notObject).get("param").asText()).isEqualTo("variables");

        var malformed = post("{\"model\":\"template:@x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(error(malformed).get("param").asText()).isEqualTo("model");
    }

    @Test void modelsList_namesTheTemplates() throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/models")).header("Authorization", "Bearer " + endpoint.token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"template:support\"");
    }
}
