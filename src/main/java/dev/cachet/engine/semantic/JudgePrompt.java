package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ChatMessage;

import java.util.List;
import java.util.Locale;

/**
 * The judge's question and how its reply is read. A constant for now; once prompt templates land
 * (prompts/*.yaml), this is the one class to change so that the judge reads a template instead.
 */
final class JudgePrompt {

    static final String SYSTEM = "You decide whether two user questions ask for the same thing. "
            + "Reply with exactly one word: yes or no.";

    private JudgePrompt() { }

    static List<ChatMessage> messages(String cachedQuestion, String newQuestion) {
        return List.of(ChatMessage.system(SYSTEM), ChatMessage.user(
                "Would one answer serve both questions equally well?\n"
                + "Question 1: " + cachedQuestion.strip() + "\n"
                + "Question 2: " + newQuestion.strip() + "\n"
                + "Reply yes or no."));
    }

    /** true for yes, false for no, null when the reply is neither (the candidate is then explored). */
    static Boolean read(String reply) {
        String r = reply.strip().toLowerCase(Locale.ROOT).replaceAll("^[^a-z]+", "");
        if (r.startsWith("yes")) return Boolean.TRUE;
        if (r.startsWith("no")) return Boolean.FALSE;
        return null;
    }
}
