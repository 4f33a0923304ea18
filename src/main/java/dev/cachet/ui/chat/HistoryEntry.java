package dev.cachet.ui.chat;

import dev.cachet.engine.store.Conversation;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line of the conversation history: a conversation and, when searching, the matching text. */
public record HistoryEntry(Conversation conversation, String snippet) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    public String id() { return conversation.id(); }
    public String title() { return conversation.title(); }

    /** "12 Nov 14:03 · 4 messages" */
    public String subtitle() {
        return WHEN.format(conversation.updated()) + " · " + conversation.messageCount() + " message"
                + (conversation.messageCount() == 1 ? "" : "s");
    }
}
