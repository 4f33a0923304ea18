package dev.cachet.engine.templates;

import com.hubspot.jinjava.tree.Node;
import dev.cachet.engine.definitions.Location;

import java.util.Objects;

/**
 * One message text of a template, compiled once (parsing per render would cost ~10x the render).
 *
 * @param field    its field path, for messages ("messages.user", "variants.B.messages.system")
 * @param at       where the YAML value starts in the file
 * @param block    written as a {@code |} or {@code >} block (its text starts on the next line)
 * @param compiled the parsed Jinja tree; shared by every render (read-only while rendering)
 */
public record TemplateText(String field, String source, Location at, boolean block, Node compiled) {

    /** No Jinja in it: it renders as it is written, without the engine. */
    public boolean plain() {
        return !source.contains("{{") && !source.contains("{%") && !source.contains("{#");
    }

    /** Two texts are the same when their source is: the compiled tree follows from it. */
    @Override public boolean equals(Object o) {
        return o instanceof TemplateText t && t.field.equals(field) && t.source.equals(source) && t.at.equals(at);
    }

    @Override public int hashCode() { return Objects.hash(field, source, at); }
}
