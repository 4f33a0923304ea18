package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatParams;

import java.util.List;

/**
 * Sampling parameters a template (or variant) sets; null = not set here.
 *
 * @param responseFormat "text", "json_object" or a JSON schema as JSON text
 */
public record TemplateParams(Double temperature, Integer maxTokens, Double topP, List<String> stop, String responseFormat) {

    public static final TemplateParams NONE = new TemplateParams(null, null, null, null, null);

    public TemplateParams {
        stop = stop == null ? null : List.copyOf(stop);
    }

    /** These params with {@code over}'s where it sets them. */
    public TemplateParams overlay(TemplateParams over) {
        return new TemplateParams(over.temperature != null ? over.temperature : temperature,
                over.maxTokens != null ? over.maxTokens : maxTokens, over.topP != null ? over.topP : topP,
                over.stop != null ? over.stop : stop, over.responseFormat != null ? over.responseFormat : responseFormat);
    }

    /** The request's params over these: what a caller set explicitly wins, the template fills the rest. */
    public ChatParams under(ChatParams caller) {
        return new ChatParams(caller.temperature() != null ? caller.temperature() : temperature,
                caller.maxTokens() != null ? caller.maxTokens() : maxTokens,
                caller.topP() != null ? caller.topP() : topP,
                !caller.stop().isEmpty() ? caller.stop() : stop,
                caller.tools(), caller.responseFormat() != null ? caller.responseFormat() : responseFormat, caller.think(),
                caller.seed());
    }
}
