package dev.cachet.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * "Test connection" for a provider entry as typed in Settings: asks the server for its model list and
 * says what went wrong in words (nothing answers, key refused, not a model list). Unlike
 * {@link ChatProvider#models()}, which falls back to the configured list, this reports every failure.
 * Key values are sent to the server only; messages name the variable, never the value.
 */
public final class ConnectionCheck {

    /** What the check found. */
    public sealed interface Result {
        /** The server listed its models; {@code latency} is the round trip of that request. */
        record Reachable(Duration latency, List<String> models) implements Result { }

        record Failed(String message) implements Result { }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Environment environment;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final ModelCatalogue catalogue;
    private HttpClient http; // built on first check: building one initialises TLS (~0.3 s), not wanted at start-up

    /** @param nanoTime source of elapsed time for the latency figure (System::nanoTime) */
    public ConnectionCheck(Environment environment, Duration timeout, LongSupplier nanoTime) {
        this(environment, timeout, nanoTime, ModelCatalogue.builtIn());
    }

    /** @param catalogue says which listed models are not chat models (embeddings, speech, images): those are left out */
    public ConnectionCheck(Environment environment, Duration timeout, LongSupplier nanoTime, ModelCatalogue catalogue) {
        this.environment = environment;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.catalogue = catalogue;
    }

    private synchronized HttpClient http() {
        if (http == null) http = HttpClient.newBuilder().connectTimeout(timeout).build();
        return http;
    }

    public Result check(ProviderConfig provider) {
        Optional<String> key = Optional.empty();
        if (provider.apiKeyEnv() != null && !provider.apiKeyEnv().isBlank()) {
            key = environment.get(provider.apiKeyEnv());
            if (key.isEmpty() && !"ollama".equals(provider.kind())) {
                return new Result.Failed(provider.apiKeyEnv() + " is not set in Cachet's environment: set it and restart Cachet");
            }
        }
        String base = StreamingProvider.stripSlash(provider.baseUrl());
        var headers = new LinkedHashMap<String, String>();
        String url;
        String listField;
        String nameField;
        switch (provider.kind()) {
            case "ollama" -> {
                url = base + "/api/tags";
                listField = "models";
                nameField = "name";
                key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
            }
            case "openai" -> {
                url = base + "/models";
                listField = "data";
                nameField = "id";
                key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
            }
            case "anthropic" -> {
                url = base + "/models?limit=1000"; // paged, 20 a page by default
                listField = "data";
                nameField = "id";
                key.ifPresent(k -> headers.put("x-api-key", k));
                headers.put("anthropic-version", AnthropicProvider.API_VERSION);
            }
            default -> {
                return new Result.Failed("unknown kind '" + provider.kind() + "' (ollama, openai, anthropic)");
            }
        }
        return fetch(url, headers, listField, nameField, provider);
    }

    private Result fetch(String url, Map<String, String> headers, String listField, String nameField, ProviderConfig provider) {
        String keyEnv = provider.apiKeyEnv();
        HttpRequest request;
        try {
            var builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
            headers.forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return new Result.Failed("'" + url + "' is not a usable URL");
        }
        long start = nanoTime.getAsLong();
        HttpResponse<String> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return new Result.Failed("nothing answers at " + url + " (connection refused): is the server running?");
        } catch (HttpTimeoutException e) {
            return new Result.Failed("no answer from " + url + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Result.Failed("cannot reach " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        }
        Duration latency = Duration.ofNanos(nanoTime.getAsLong() - start);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return new Result.Failed("HTTP " + status + " from " + url + ": "
                    + (keyEnv == null || keyEnv.isBlank() ? "the server wants a key (name its variable here)" : "the key in " + keyEnv + " was refused"));
        }
        if (status == 404) return new Result.Failed("HTTP 404 from " + url + ": is the base URL right? (OpenAI-compatible servers usually end in /v1)");
        if (status / 100 != 2) return new Result.Failed("HTTP " + status + " from " + url);
        JsonNode list;
        try {
            list = JSON.readTree(response.body()).path(listField);
        } catch (IOException e) {
            list = null;
        }
        if (list == null || !list.isArray()) return new Result.Failed(url + " answered, but not with a model list");
        var names = new ArrayList<String>();
        for (JsonNode m : list) {
            if (m.path(nameField).isTextual() && catalogue.spec(provider.kind(), m.path(nameField).asText()).isChatModel()) {
                names.add(m.path(nameField).asText());
            }
        }
        return new Result.Reachable(latency, List.copyOf(names));
    }
}
