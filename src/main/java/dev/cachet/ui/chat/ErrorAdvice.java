package dev.cachet.ui.chat;

import dev.cachet.engine.chat.ChatError;

/** A failure as the conversation shows it: what happened and what to do about it. */
public record ErrorAdvice(String title, String message, String whatToDo) {

    public static ErrorAdvice of(ChatError error) {
        String hint = error.hint() == null || error.hint().isBlank() ? "" : error.hint();
        String action = switch (error.kind()) {
            case UNREACHABLE -> "Start the model server, or fix its base URL in Settings → Providers.";
            case MISSING_API_KEY -> "Set the environment variable named in Settings → Providers, then restart Cachet.";
            case AUTHENTICATION -> "Check the API key in the environment variable named in Settings → Providers.";
            case UNKNOWN_MODEL -> "Pick a model the server offers in the model picker.";
            case UNKNOWN_PROVIDER -> "Pick a configured provider in the model picker.";
            case RATE_LIMITED -> error.retryAfter() == null ? "Wait a moment and send again."
                    : "Wait " + Math.max(1, (error.retryAfter().toMillis() + 999) / 1000) + " s and send again.";
            case QUOTA_EXHAUSTED -> "Add credit or raise the spending limit on the provider's billing page; a configured fallback answers meanwhile.";
            case TIMEOUT -> "Send again, or raise the provider's timeout in Settings → Providers.";
            case INCOMPLETE -> "Send again; the server (or a proxy in between) ended the answer early. The partial text was not cached.";
            case SERVER_ERROR -> "Send again; if it keeps failing, look at the model server's log.";
            case BAD_REQUEST -> "Check temperature and max tokens for this model.";
            case TEMPLATE -> "Fix the template or the variables given to it (the Templates pane shows its errors).";
            case INTERNAL -> "This is a Cachet bug; the log has the details.";
        };
        String title = switch (error.kind()) {
            case UNREACHABLE -> "Model server unreachable";
            case MISSING_API_KEY -> "API key missing";
            case AUTHENTICATION -> "API key rejected";
            case UNKNOWN_MODEL -> "Unknown model";
            case UNKNOWN_PROVIDER -> "Unknown provider";
            case RATE_LIMITED -> "Rate limited";
            case QUOTA_EXHAUSTED -> "Quota exhausted";
            case TIMEOUT -> "Timed out";
            case INCOMPLETE -> "Answer cut short";
            case SERVER_ERROR -> "Server error";
            case BAD_REQUEST -> "Request rejected";
            case TEMPLATE -> "Template error";
            case INTERNAL -> "Internal error";
        };
        String message = hint.isEmpty() ? error.message() : error.message() + " (" + hint + ")";
        return new ErrorAdvice(title, message, action);
    }

    public String oneLine() { return title + ": " + message + " — " + whatToDo; }
}
