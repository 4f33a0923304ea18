package dev.cachet.server;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.definitions.ClosestName;
import dev.cachet.engine.templates.PromptTemplate;
import dev.cachet.engine.templates.TemplateLibrary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code template:ID@variant} against the templates the engine serves (hot-reloaded, as the chat sees
 * them). The request goes on naming the template, so the render stage renders it with the real
 * renderer before any cache (its id@version in every key and in the trace) and a template that takes
 * retrieved chunks gets them. Variables: the body's {@code variables}; the template's input variable
 * ({@link PromptTemplate#inputVariable()}), when not given there, is the last user message, and the
 * messages before it are the conversation the rendered prompt carries.
 */
final class LibraryTemplateRequests implements TemplateRequests {

    private final TemplateLibrary library;

    LibraryTemplateRequests(TemplateLibrary library) { this.library = library; }

    @Override
    public ChatRequest render(ModelName.Template asked, ChatRequest request, Map<String, Object> variables) throws ApiError.Problem {
        var serving = library.current().byId();
        var entry = serving.get(asked.id());
        if (entry == null) {
            String closest = ClosestName.to(asked.id(), serving.keySet()).map(c -> "; did you mean 'template:" + c + "'?").orElse("");
            throw ApiError.notFound("model_not_found", "model", "no template '" + asked.id() + "'" + closest + " ("
                    + (serving.isEmpty() ? "none are loaded" : "templates: " + String.join(", ", serving.keySet())) + ")").asProblem();
        }
        PromptTemplate template = entry.value();
        if (asked.variant() != null && !template.variantNames().contains(asked.variant())) {
            throw ApiError.notFound("model_not_found", "model", "template '" + template.id() + "' has no variant '" + asked.variant()
                    + "' (variants: " + String.join(", ", template.variantNames()) + ")").asProblem();
        }
        var values = new LinkedHashMap<>(variables);
        List<ChatMessage> history = request.messages();
        String input = template.inputVariable();
        if (input != null && !values.containsKey(input)) {
            int last = lastUser(history);
            if (last < 0) {
                throw ApiError.badRequest("messages", "template '" + template.id() + "' takes '" + input
                        + "' from the last user message, and there is none (or give variables." + input + ")").asProblem();
            }
            values.put(input, history.get(last).content());
            var rest = new ArrayList<>(history.subList(0, last));
            rest.addAll(history.subList(last + 1, history.size()));
            history = rest;
        }
        return request.withInvocation(new TemplateInvocation(template.id(), asked.variant(), values)).withMessages(history);
    }

    @Override
    public List<String> names() {
        return library.current().byId().keySet().stream().map(id -> ModelName.TEMPLATE_PREFIX + id).toList();
    }

    private static int lastUser(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) if (messages.get(i).role() == ChatMessage.Role.USER) return i;
        return -1;
    }
}
