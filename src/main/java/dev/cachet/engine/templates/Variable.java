package dev.cachet.engine.templates;

/**
 * A variable a template declares.
 *
 * @param defaultValue used when the caller gives none (already of {@code type}), or null
 * @param example      shown in the preview form and used to check the template, or null
 */
public record Variable(String name, VariableType type, boolean required, Object defaultValue, String description,
                       Object example) {

    /** What the preview form starts with: the default, else the example, else the type's empty value. */
    public Object initialValue() {
        if (defaultValue != null) return defaultValue;
        if (example != null) return example;
        return type.empty();
    }
}
