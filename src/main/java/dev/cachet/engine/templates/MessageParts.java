package dev.cachet.engine.templates;

import java.util.List;

/**
 * The messages of a template or a variant. In a variant, a null part means "as the template has it".
 *
 * @param examples few-shot turns, rendered between the system message and the conversation
 */
public record MessageParts(TemplateText system, List<Example> examples, TemplateText user) {

    public static final MessageParts NONE = new MessageParts(null, null, null);

    public MessageParts {
        examples = examples == null ? null : List.copyOf(examples);
    }

    /** One few-shot turn: what the user said and what the assistant answered. */
    public record Example(TemplateText user, TemplateText assistant) { }

    /** These parts with {@code over}'s parts where it has them. */
    public MessageParts overlay(MessageParts over) {
        return new MessageParts(over.system != null ? over.system : system,
                over.examples != null ? over.examples : examples,
                over.user != null ? over.user : user);
    }

    public List<Example> examplesOrEmpty() { return examples == null ? List.of() : examples; }
}
