package dev.cachet.engine.templates;

/**
 * One variant (A, B, …): what it changes from the template. Null fields and parts keep the template's.
 *
 * @param model provider/model for this variant, or null
 */
public record Variant(String name, String description, MessageParts messages, TemplateParams params, String model) { }
