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
    /** The provider's limiter, shared with its chat requests (the engine sets it); null = none. */
    private volatile dev.cachet.engine.exec.ProviderLimiter limiter;
    private volatile String provider;

    public HttpEmbedder(Api api, String baseUrl, String model, String apiKey, Duration timeout) {
        this.api = api;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Passes every call through {@code l}, the limiter of provider {@code providerId}: embeddings count against its limits. */
    public void limitedBy(String providerId, dev.cachet.engine.exec.ProviderLimiter l) {
        this.provider = providerId;
        this.limiter = l;
    }

    @Override public String modelId() { return api.name().toLowerCase() + ":" + model; }

    @Override
    public List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException {
        var l = limiter;
        if (l == null) return send(texts, null);
        long tokens = texts.stream().mapToLong(t -> Math.max(1, t.length() / 4)).sum();
        var permit = switch (l.acquire(tokens, () -> Thread.currentThread().isInterrupted())) {
            case dev.cachet.engine.exec.ProviderLimiter.Admission.Admitted a -> a.permit();
            case dev.cachet.engine.exec.ProviderLimiter.Admission.Refused r -> throw new EmbeddingException("limiter: no slot for embeddings at provider '"
                    + provider + "' (waited " + r.waited().toMillis() + " ms for " + r.why() + ")");
            case dev.cachet.engine.exec.ProviderLimiter.Admission.Cancelled c -> throw new InterruptedException("cancelled while queued for the limiter");
        };
        try {
            return send(texts, permit);
        } finally {
            permit.ignore(); // a no-op when the answer already reported success or a 429
        }
    }

    private List<float[]> send(List<String> texts, dev.cachet.engine.exec.ProviderLimiter.Permit permit)
            throws EmbeddingException, InterruptedException {
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
            if (permit != null) {
                var limits = dev.cachet.engine.provider.http.RateLimits.parse(response.headers().map(), java.time.Instant.now());
                long tokens = texts.stream().mapToLong(t -> Math.max(1, t.length() / 4)).sum();
                if (response.statusCode() == 429) {
                    permit.dropped(dev.cachet.engine.provider.http.RetryAfter.parse(response.headers().firstValue("retry-after").orElse(null),
                            java.time.Instant.now()), limits);
                } else {
                    permit.success(tokens, limits);
                }
            }
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
