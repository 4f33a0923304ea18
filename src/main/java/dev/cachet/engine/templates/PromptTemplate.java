package dev.cachet.engine.templates;

import dev.cachet.engine.chat.TemplateRef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One prompt template, as read from its YAML file (see prompts/README.md for the schema).
 *
 * @param version   hash of the file's normalized content: any change that can change a rendered
 *                  prompt gives a new version (comments and layout do not)
 * @param model     provider/model the template asks for, or null (left to the caller)
 * @param variants  by name in file order; empty means one implicit variant, {@value #DEFAULT_VARIANT}
 * @param split     traffic weight per variant (relative, not necessarily summing to 1); empty = none
 */
public record PromptTemplate(String id, String version, String description, List<String> tags,
                             Map<String, Variable> variables, String model, TemplateParams params, TemplateCache cache,
                             MessageParts messages, Map<String, Variant> variants, Map<String, Double> split) {

    public static final String DEFAULT_VARIANT = "default";

    public PromptTemplate {
        tags = List.copyOf(tags);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        split = Collections.unmodifiableMap(new LinkedHashMap<>(split));
    }

    public TemplateRef ref() { return new TemplateRef(id, version); }

    /** Variant names in file order; {@value #DEFAULT_VARIANT} when the template declares none. */
    public List<String> variantNames() {
        return variants.isEmpty() ? List.of(DEFAULT_VARIANT) : List.copyOf(variants.keySet());
    }

    /** The template as one variant renders it: its messages, params and model over the template's. */
    public Optional<Resolved> resolve(String variant) {
        if (variants.isEmpty()) {
            return DEFAULT_VARIANT.equals(variant) ? Optional.of(new Resolved(DEFAULT_VARIANT, messages, params, model)) : Optional.empty();
        }
        Variant v = variants.get(variant);
        if (v == null) return Optional.empty();
        return Optional.of(new Resolved(v.name(), messages.overlay(v.messages()), params.overlay(v.params()),
                v.model() != null ? v.model() : model));
    }

    /** A variant with everything it inherits filled in. */
    public record Resolved(String variant, MessageParts messages, TemplateParams params, String model) { }
}
