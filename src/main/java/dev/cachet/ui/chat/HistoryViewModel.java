package dev.cachet.ui.chat;

import dev.cachet.engine.store.ConversationStore;
import dev.cachet.ui.fx.UiThread;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The side list of saved conversations: newest first, or full-text search results; open one into the
 * chat, delete it, export it as Markdown or JSON. Reads the store off the UI thread.
 */
public final class HistoryViewModel {

    public enum Format { MARKDOWN, JSON }

    private final ConversationStore store;
    private final ChatViewModel chat;
    private final UiThread ui;
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    /** The search as last typed, read when a refresh runs: a refresh asked before the search changed must not list the old results last. */
    private volatile String query = "";

    public HistoryViewModel(ConversationStore store, ChatViewModel chat, UiThread ui) {
        this(store, chat, ui, java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().name("history").factory()));
    }

    /** {@code worker} must run one task at a time, in the order given. */
    HistoryViewModel(ConversationStore store, ChatViewModel chat, UiThread ui, java.util.concurrent.Executor worker) {
        this.store = store;
        this.worker = worker;
        this.chat = chat;
        this.ui = ui;
        search.addListener((o, a, b) -> {
            query = b == null ? "" : b.strip();
            refresh();
        });
        chat.onSaved(this::refresh);
    }

    public StringProperty searchProperty() { return search; }
    public ObservableList<HistoryEntry> entries() { return entries; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Reloads the list (all conversations, or the search hits); completes after the list changed. */
    public CompletableFuture<Void> refresh() {
        return background(() -> {
            String q = query;
            return q.isEmpty()
                    ? store.list().stream().map(c -> new HistoryEntry(c, "")).toList()
                    : store.search(q).stream().map(h -> new HistoryEntry(h.conversation(), h.snippet())).toList();
        })
                .thenAccept(list -> ui.run(() -> entries.setAll(list)));
    }

    public CompletableFuture<Void> open(HistoryEntry entry) {
        return background(() -> store.messages(entry.id())).thenAccept(messages -> ui.run(() -> chat.open(entry.id(), messages)));
    }

    public CompletableFuture<Void> delete(HistoryEntry entry) {
        return background(() -> store.delete(entry.id())).thenCompose(deleted -> {
            ui.run(() -> {
                if (entry.id().equals(chat.conversationId())) chat.newConversation();
                message.set(deleted ? "deleted \"" + entry.title() + "\"" : "already gone");
            });
            return refresh();
        });
    }

    /** Writes the conversation to {@code file}; the message says where, or what went wrong. */
    public CompletableFuture<Void> export(HistoryEntry entry, Format format, Path file) {
        return background(() -> {
            String text = switch (format) {
                case MARKDOWN -> store.exportMarkdown(entry.id());
                case JSON -> store.exportJson(entry.id());
            };
            try {
                Files.writeString(file, text);
                return "exported to " + file;
            } catch (IOException e) {
                return "could not write " + file + ": " + e.getMessage();
            }
        }).thenAccept(text -> ui.run(() -> message.set(text)));
    }

    /**
     * One store task at a time, in the order asked: a refresh after every saved turn and one asked for
     * directly must not both update the list at once (with a direct UiThread that corrupted the list's
     * change tracking), nor may an older result land after a newer one.
     */
    private final java.util.concurrent.Executor worker;

    private <T> CompletableFuture<T> background(java.util.function.Supplier<T> work) {
        var f = new CompletableFuture<T>();
        worker.execute(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

}
