package dev.cachet.engine.config;

import dev.cachet.engine.definitions.FolderWatcher;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where prompt templates come from ({@code templates:} in cachet.yaml).
 *
 * @param folders      the folders to watch, in order (an id found in two folders serves from the first);
 *                     relative paths start at the working directory. Empty: {@code ./prompts} when it
 *                     exists, else {@code DATA_DIR/prompts}
 * @param watch        auto (file events, polling where they do not arrive), events, or poll
 * @param debounce     quiet time that ends a burst of file events
 * @param pollInterval how often the polling fallback looks
 */
public record TemplateSettings(List<String> folders, String watch, Duration debounce, Duration pollInterval) {

    public static final TemplateSettings DEFAULTS = new TemplateSettings(List.of(), "auto", Duration.ofMillis(100),
            Duration.ofMillis(500));

    public TemplateSettings {
        folders = folders == null ? List.of() : List.copyOf(folders);
        watch = watch == null ? "auto" : watch.strip().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "events", "poll").contains(watch)) {
            throw new InvalidFieldException("templates", "watch", "must be auto, events or poll, was '" + watch + "'");
        }
        debounce = debounce == null ? Duration.ofMillis(100) : debounce;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        if (debounce.isNegative() || debounce.toMillis() > 2_000) {
            throw new InvalidFieldException("templates", "debounce", "must be within 0..2s (changes must be live within a second), was "
                    + DurationText.format(debounce));
        }
        if (pollInterval.toMillis() < 50) {
            throw new InvalidFieldException("templates", "pollInterval", "must be at least 50ms, was " + DurationText.format(pollInterval));
        }
        for (int i = 0; i < folders.size(); i++) {
            if (folders.get(i) == null || folders.get(i).isBlank()) throw new InvalidFieldException("templates", "folders[" + i + "]", "is empty: name a folder");
        }
    }

    public FolderWatcher.Settings watchSettings() {
        return new FolderWatcher.Settings(FolderWatcher.Mode.valueOf(watch.toUpperCase(Locale.ROOT)), debounce, pollInterval);
    }

    public TemplateSettings withFolders(List<String> f) { return new TemplateSettings(f, watch, debounce, pollInterval); }
}
