package dev.cachet.engine.templates;

import dev.cachet.engine.chat.ChatError;

/** A template could not be rendered: unknown id or variant, a missing or mistyped variable, a render error. */
public final class TemplateException extends Exception {

    public TemplateException(String message) { super(message, null, false, false); }

    public ChatError error() {
        return new ChatError(ChatError.Kind.TEMPLATE, getMessage(), "see `cachet templates list` or the Templates pane");
    }
}
