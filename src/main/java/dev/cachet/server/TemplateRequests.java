package dev.cachet.server;

import dev.cachet.engine.chat.ChatRequest;

import java.util.List;
import java.util.Map;

/**
 * Where {@code model: "template:ID@variant"} becomes a pipeline request that names the template (the
 * render stage renders it, before any cache): the caller's messages supply its input variable, or
 * follow it as the conversation. {@link LibraryTemplateRequests} is the real one.
 */
@FunctionalInterface
interface TemplateRequests {

    /**
     * @param asked     the request as the caller sent it (messages, parameters)
     * @param variables the body's {@code variables} object (empty when it has none)
     * @throws ApiError.Problem 404 for an unknown template or variant, 400 for missing variables
     */
    ChatRequest render(ModelName.Template template, ChatRequest asked, Map<String, Object> variables) throws ApiError.Problem;

    /** The model names {@code GET /v1/models} lists for the templates: {@code template:ID}. */
    default List<String> names() { return List.of(); }

    TemplateRequests NONE = (template, asked, variables) -> {
        throw ApiError.notFound("model_not_found", "model", "template '" + template.id() + "' not found: "
                + "this endpoint serves no prompt templates").asProblem();
    };
}
