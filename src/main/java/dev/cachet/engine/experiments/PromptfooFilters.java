package dev.cachet.engine.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.cachet.engine.templates.PromptRenderer;

/**
 * The Nunjucks filters promptfoo prompts use that jinjava lacks: {@code dump} (JSON.stringify, with an
 * optional indent) and promptfoo's {@code load} (JSON.parse). The rest of Nunjucks' built-in filters
 * (upper, lower, trim, default, join, length, first, last, replace, truncate, ...) are jinjava's own.
 */
public final class PromptfooFilters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptfooFilters() { }

    public static void register(PromptRenderer renderer) {
        renderer.registerFilter(new Dump());
        renderer.registerFilter(new Load());
        renderer.registerFilter(new Nl2br());
    }

    static final class Dump implements Filter {
        @Override public String getName() { return "dump"; }
        @Override public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            try {
                if (args.length > 0 && !args[0].isBlank()) {
                    return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(var);
                }
                return JSON.writeValueAsString(var);
            } catch (JsonProcessingException e) {
                return String.valueOf(var);
            }
        }
    }

    static final class Load implements Filter {
        @Override public String getName() { return "load"; }
        @Override public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            if (!(var instanceof String s)) return var;
            try {
                return JSON.readValue(s, Object.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("load: not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }

    /** Nunjucks' nl2br: line breaks as {@code <br />}. */
    static final class Nl2br implements Filter {
        @Override public String getName() { return "nl2br"; }
        @Override public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return var == null ? "" : String.valueOf(var).replace("\r\n", "<br />\n").replace("\n", "<br />\n");
        }
    }
}
