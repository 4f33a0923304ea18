package dev.cachet.engine.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.ExperimentPrompt;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.templates.PromptRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request of one cell: a template variant through the render stage, or a raw prompt's messages
 * rendered here (Jinja, with promptfoo's filters); the experiment's cache policy and params; a seed of
 * its own, derived from the run's seed, so that a run repeats and two arms never share draws.
 */
final class CellRequests {

    private final ExperimentDefinition definition;
    private final PromptRenderer renderer;
    private final Map<String, PromptRenderer.Compiled> compiled = new ConcurrentHashMap<>();

    CellRequests(ExperimentDefinition definition, PromptRenderer renderer) {
        this.definition = definition;
        this.renderer = renderer;
    }

    /** @throws PromptRenderer.RenderException when a raw prompt does not render with the case's variables */
    ChatRequest request(ExperimentDefinition.Arm arm, TestCase c, int rep) throws PromptRenderer.RenderException {
        ChatParams params = definition.params().withSeed(seed(definition.seed(), arm.index(), c.index(), rep));
        ExperimentPrompt p = arm.prompt();
        if (p.fromTemplate()) {
            return new ChatRequest(arm.model().provider(), arm.model().model(), List.of(), params, null, null, definition.cache(), null,
                    new TemplateInvocation(p.template(), p.variant(), c.vars()));
        }
        var messages = new ArrayList<ChatMessage>();
        for (ExperimentPrompt.Message m : p.messages()) {
            String text = render(m.content(), c.vars()).strip();
            if (p.messages().size() == 1 && m.role().equals("user")) {
                List<ChatMessage> chat = chat(text);
                if (chat != null) {
                    messages.addAll(chat);
                    continue;
                }
            }
            messages.add(new ChatMessage(ChatMessage.Role.valueOf(m.role().toUpperCase(java.util.Locale.ROOT)), text));
        }
        return new ChatRequest(arm.model().provider(), arm.model().model(), messages, params, null, null, definition.cache());
    }

    private String render(String text, Map<String, Object> vars) throws PromptRenderer.RenderException {
        if (!text.contains("{{") && !text.contains("{%") && !text.contains("{#")) return text;
        PromptRenderer.Compiled c = compiled.computeIfAbsent(text, renderer::compile);
        if (!c.errors().isEmpty()) throw new PromptRenderer.RenderException(c.errors());
        return renderer.render(c.root(), vars);
    }

    /** promptfoo: a prompt that renders to a JSON list of {role, content} is sent as those messages. */
    private static List<ChatMessage> chat(String text) {
        if (!text.startsWith("[")) return null;
        try {
            JsonNode n = ExperimentStore.JSON.readTree(text);
            if (!n.isArray() || n.isEmpty()) return null;
            var out = new ArrayList<ChatMessage>();
            for (JsonNode m : n) {
                String role = m.path("role").asText("");
                if (!m.path("content").isTextual()) return null;
                ChatMessage.Role r = switch (role) {
                    case "system" -> ChatMessage.Role.SYSTEM;
                    case "user" -> ChatMessage.Role.USER;
                    case "assistant" -> ChatMessage.Role.ASSISTANT;
                    default -> null;
                };
                if (r == null) return null;
                out.add(new ChatMessage(r, m.get("content").asText()));
            }
            return out;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A cell's seed: the run's, mixed with where the cell stands (SplitMix64's finalizer). */
    static long seed(long runSeed, int arm, int caseIndex, int rep) {
        long z = runSeed * 0x9E3779B97F4A7C15L + arm * 0xBF58476D1CE4E5B9L + caseIndex * 0x94D049BB133111EBL + rep * 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
