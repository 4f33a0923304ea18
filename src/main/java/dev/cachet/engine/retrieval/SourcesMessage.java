package dev.cachet.engine.retrieval;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.trace.Citation;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the retrieved chunks to the model as numbered sources in a system message, and asks it to cite
 * them as [n]. The one place that decides how sources reach the model: when prompt templates exist,
 * a template that declares a collection receives the chunks as a list variable instead.
 */
final class SourcesMessage {

    static final String INSTRUCTION = "Answer from the numbered sources below. Cite each source you use as [n] right after the"
            + " statement it supports. If the sources do not contain the answer, say so instead of guessing.";

    private SourcesMessage() { }

    /** The messages with the sources added to the system prompt (or as one, first, when there is none). */
    static List<ChatMessage> withSources(List<ChatMessage> messages, List<Citation> sources) {
        String block = render(sources);
        var out = new ArrayList<>(messages);
        if (!out.isEmpty() && out.getFirst().role() == ChatMessage.Role.SYSTEM) {
            out.set(0, ChatMessage.system(out.getFirst().content() + "\n\n" + block));
        } else {
            out.addFirst(ChatMessage.system(block));
        }
        return out;
    }

    static String render(List<Citation> sources) {
        var sb = new StringBuilder(INSTRUCTION).append("\n\nSources:\n");
        for (Citation c : sources) {
            sb.append("\n[").append(c.number()).append("] ").append(c.fileName());
            if (!c.position().isEmpty()) sb.append(" (").append(c.position()).append(')');
            sb.append('\n').append(c.text().strip()).append('\n');
        }
        return sb.toString();
    }
}
