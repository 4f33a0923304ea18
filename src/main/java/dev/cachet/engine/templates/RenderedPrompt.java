package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.TemplateRef;

import java.util.ArrayList;
import java.util.List;

/**
 * A template rendered for one request.
 *
 * @param variantReason why this variant: asked for, the session's split assignment, or the first one
 * @param leading       the system message and few-shot turns, which come before the conversation
 * @param user          the rendered user message, which comes after it
 * @param model         provider/model the variant asks for, or null
 * @param warnings      e.g. variables passed in that the template does not declare
 * @param source        the file it was read from
 */
public record RenderedPrompt(PromptTemplate template, String variant, String variantReason, List<ChatMessage> leading,
                             ChatMessage user, TemplateParams params, String model, List<String> warnings, String source) {

    public RenderedPrompt {
        leading = List.copyOf(leading);
        warnings = List.copyOf(warnings);
    }

    public TemplateRef ref() { return template.ref(); }

    /** The messages a model receives: system and few-shot turns, the earlier conversation, the user message. */
    public List<ChatMessage> messages(List<ChatMessage> history) {
        var out = new ArrayList<ChatMessage>(leading.size() + history.size() + 1);
        out.addAll(leading);
        out.addAll(history);
        out.add(user);
        return out;
    }

    /** The rendered prompt as a person reads it in a trace or a preview. */
    public String text() {
        var sb = new StringBuilder();
        for (ChatMessage m : messages(List.of())) {
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append(m.role().name()).append(":\n").append(m.content());
        }
        return sb.toString();
    }
}
