package dev.cachet.engine.experiments;

import java.util.List;

/**
 * One prompt an experiment compares: a template's variant (rendered by the pipeline's render stage, so
 * the template's version is in the cache key and the trace), or a raw prompt whose messages are Jinja
 * texts rendered with each case's variables.
 *
 * @param label    how results name it ("A", "B", or a raw prompt's id)
 * @param template a template id, or null for a raw prompt
 * @param variant  the template's variant, or null
 * @param messages a raw prompt's messages (role and Jinja text), empty for a template
 */
public record ExperimentPrompt(String label, String template, String variant, List<Message> messages) {

    public ExperimentPrompt {
        messages = messages == null ? List.of() : List.copyOf(messages);
        if ((template == null) == messages.isEmpty()) throw new IllegalArgumentException("a prompt is a template variant or messages");
    }

    public static ExperimentPrompt ofTemplate(String template, String variant) {
        return new ExperimentPrompt(variant, template, variant, List.of());
    }

    public static ExperimentPrompt ofText(String label, String text) {
        return new ExperimentPrompt(label, null, null, List.of(new Message("user", text)));
    }

    public boolean fromTemplate() { return template != null; }

    /** A message of a raw prompt: role (system, user, assistant) and its Jinja text. */
    public record Message(String role, String content) { }
}
