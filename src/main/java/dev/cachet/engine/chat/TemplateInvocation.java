package dev.cachet.engine.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request that names a prompt template instead of (or before) its messages: the render stage turns
 * it into messages and params.
 *
 * @param variant   the variant to render, or null: the session's split assignment, else the first
 * @param variables values by name (text, numbers, booleans, lists, maps); text is converted to a
 *                  declared number, boolean, list or object type where it reads as one
 */
public record TemplateInvocation(String id, String variant, Map<String, Object> variables) {

    public TemplateInvocation {
        Objects.requireNonNull(id, "id");
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    @Override public String toString() { return id + (variant == null ? "" : "#" + variant); }
}
