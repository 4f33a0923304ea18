package dev.cachet.server;

import dev.cachet.engine.chat.ChatRequest;

/**
 * Where {@code model: "template:ID@variant"} becomes a pipeline request: the template's rendered messages
 * (the caller's messages supply its variables, or follow it as the conversation). The mapping point for
 * the prompt templates; until the engine has templates, every template name is answered with 404.
 */
@FunctionalInterface
interface TemplateRequests {

    /**
     * @param asked the request as the caller sent it (messages, parameters)
     * @throws ApiError.Problem 404 for an unknown template or variant, 400 for missing variables
     */
    ChatRequest render(ModelName.Template template, ChatRequest asked) throws ApiError.Problem;

    TemplateRequests NONE = (template, asked) -> {
        throw ApiError.notFound("model_not_found", "model", "template '" + template.id() + "' not found: "
                + "this Cachet has no prompt templates loaded (prompts/*.yaml)").asProblem();
    };
}
