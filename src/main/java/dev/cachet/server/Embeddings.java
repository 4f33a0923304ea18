package dev.cachet.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.EmbeddingException;
import org.eclipse.jetty.server.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/embeddings} through the workbench's embedder chain, embedding cache first: a text
 * embedded before (by the semantic cache or an earlier request) costs no model call. Vectors come as
 * float arrays or, with {@code encoding_format: "base64"} (what the official SDKs ask for), as
 * little-endian float32 in base64.
 */
final class Embeddings {

    private static final int MAX_INPUTS = 2048;

    private final Embedder embedder;

    Embeddings(Embedder embedder) { this.embedder = embedder; }

    String modelId() { return embedder.modelId(); }

    void serve(Response response, JsonNode body, OpenAiHandler.Served served) throws ApiError.Problem, IOException {
        if (body == null || !body.isObject()) throw ApiError.badRequest(null, "the body must be a JSON object").asProblem();
        String model = ChatCompletionRequest.text(body, "model", true);
        if (!model.equals(embedder.modelId())) {
            throw ApiError.notFound("model_not_found", "model", "embedding model '" + model + "' is not served here: this Cachet embeds with '"
                    + embedder.modelId() + "' (semantic.embedder in cachet.yaml)").asProblem();
        }
        List<String> texts = inputs(body.get("input"));
        String format = ChatCompletionRequest.text(body, "encoding_format", false);
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw ApiError.badRequest("encoding_format", "encoding_format: '" + format + "' is not float or base64").asProblem();
        }
        if (body.has("dimensions") && !body.get("dimensions").isNull()) {
            throw ApiError.badRequest("dimensions", "dimensions: '" + embedder.modelId() + "' has a fixed size; leave dimensions out").asProblem();
        }
        List<float[]> vectors;
        try {
            vectors = embedder.embedAll(texts);
        } catch (EmbeddingException e) {
            throw new ApiError(503, "server_error", "embedding_failed", null, "embedding failed: " + e.getMessage(), java.time.Duration.ofSeconds(1)).asProblem();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int tokens = texts.stream().mapToInt(t -> t.isBlank() ? 0 : t.strip().split("\\s+").length).sum();
        OpenAiHandler.Exchanges.sendJson(response, 200, OpenAiJson.embeddings(embedder.modelId(), vectors, "base64".equals(format), tokens));
    }

    private static List<String> inputs(JsonNode input) throws ApiError.Problem {
        if (input == null || input.isNull()) throw ApiError.badRequest("input", "input is required: a string or an array of strings").asProblem();
        if (input.isTextual()) return List.of(input.asText());
        if (!input.isArray() || input.isEmpty()) throw ApiError.badRequest("input", "input must be a string or a non-empty array of strings").asProblem();
        if (input.size() > MAX_INPUTS) throw ApiError.badRequest("input", "input: at most " + MAX_INPUTS + " texts per request, was " + input.size()).asProblem();
        var out = new ArrayList<String>(input.size());
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).isTextual()) {
                throw ApiError.badRequest("input[" + i + "]", "input[" + i + "] must be a string (token arrays are not supported)").asProblem();
            }
            out.add(input.get(i).asText());
        }
        return out;
    }
}
