package dev.cachet.engine.experiments.assertions;

import com.fasterxml.jackson.databind.JsonNode;

/** An output is text, or JSON after a transform parsed it; assertions read it as text the way promptfoo does. */
final class Outputs {

    private Outputs() { }

    /** Text as it is; JSON text as its value; other JSON as JSON ({@code JSON.stringify}). */
    static String text(Object output) {
        if (output instanceof JsonNode n) return n.isTextual() ? n.asText() : n.toString();
        return output == null ? "" : output.toString();
    }

    /** The output as JSON, or null when it is text that does not parse. */
    static JsonNode json(Object output) {
        if (output instanceof JsonNode n) return n;
        try {
            JsonNode n = JsonSchemas.JSON.readTree(text(output));
            return n == null || n.isMissingNode() ? null : n;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
