package dev.cachet.ui.templates;

/**
 * One variant rendered with the form's values: the messages as text, or why it could not render.
 *
 * @param text    the rendered messages (SYSTEM:, USER:, …), or null when {@code error} says why not
 */
public record VariantPreview(String variant, String text, String error, java.util.List<String> warnings) { }
