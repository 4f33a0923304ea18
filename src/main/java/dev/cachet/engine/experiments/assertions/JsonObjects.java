package dev.cachet.engine.experiments.assertions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The JSON objects inside a text (a model's prose around a JSON block), for {@code contains-json}. */
final class JsonObjects {

    private JsonObjects() { }

    static List<JsonNode> in(String text) {
        var out = new ArrayList<JsonNode>();
        int i = text.indexOf('{');
        while (i >= 0) {
            int end = -1;
            try (JsonParser p = JsonSchemas.JSON.getFactory().createParser(text.substring(i))) {
                JsonNode n = JsonSchemas.JSON.readTree(p);
                if (n != null && n.isObject()) {
                    out.add(n);
                    end = i + (int) p.currentLocation().getCharOffset();
                }
            } catch (java.io.IOException e) {
                // not JSON from here: try the next brace
            }
            i = text.indexOf('{', end > i ? end : i + 1);
        }
        return out;
    }
}
