package dev.cachet.engine.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings from a model server: Ollama ({@code POST /api/embed}) or OpenAI and compatible servers
 * ({@code POST /embeddings}). One HTTP call per {@link #embedAll} list: that is where micro-batching pays.
 * The API key is read from the environment by the caller and never logged.
 */
public final class HttpEmbedder implements Embedder {

    public enum Api { OLLAMA, OPENAI }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final String baseUrl;
    private final String model;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;

    public HttpEmbedder(Api api, String baseUrl, String model, String apiKey, Duration timeout) {
        this.api = api;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override public String modelId() { return api.name().toLowerCase() + ":" + model; }

    @Override
    public List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException {
        String url = baseUrl + (api == Api.OLLAMA ? "/api/embed" : "/embeddings");
        try {
            var body = JSON.createObjectNode();
            body.put("model", model);
            var input = body.putArray("input");
            texts.forEach(input::add);
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new EmbeddingException("embedding server " + url + " answered " + response.statusCode()
                        + " for model " + model);
            }
            JsonNode root = JSON.readTree(response.body());
            var out = new ArrayList<float[]>(texts.size());
            if (api == Api.OLLAMA) {
                for (JsonNode v : root.path("embeddings")) out.add(Embedder.normalize(toArray(v)));
            } else {
                float[][] byIndex = new float[texts.size()][];
                for (JsonNode d : root.path("data")) byIndex[d.path("index").asInt()] = Embedder.normalize(toArray(d.path("embedding")));
                out.addAll(List.of(byIndex));
            }
            if (out.size() != texts.size() || out.contains(null)) {
                throw new EmbeddingException("embedding server " + url + " returned " + out.size() + " vectors for "
                        + texts.size() + " texts (model " + model + ")");
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            throw new EmbeddingException("embedding server " + url + " failed for model " + model + ": " + e.getMessage(), e);
        }
    }

    private static float[] toArray(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) array.get(i).asDouble();
        return v;
    }
}
