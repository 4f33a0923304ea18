package dev.cachet.engine.experiments;

import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.definitions.FieldReader;

import java.util.List;

/** An experiment's {@code params:} (temperature, max_tokens, top_p, stop, response_format), applied to every cell. */
final class Params {

    private Params() { }

    static ChatParams read(FieldReader p) {
        if (p == null) return ChatParams.DEFAULTS;
        p.only("temperature", "max_tokens", "top_p", "stop", "response_format");
        Double temperature = p.number("temperature", 0, 2);
        Integer maxTokens = p.integer("max_tokens", 1, 1_000_000);
        Double topP = p.number("top_p", 0.0001, 1);
        List<String> stop = p.texts("stop");
        String format = p.text("response_format");
        return new ChatParams(temperature, maxTokens, topP, stop == null ? List.of() : stop, List.of(), format, null, null);
    }
}
