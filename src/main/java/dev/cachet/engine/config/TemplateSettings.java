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
            throw new IllegalArgumentException("templates.watch must be auto, events or poll, was '" + watch + "'");
        }
        debounce = debounce == null ? Duration.ofMillis(100) : debounce;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        if (debounce.isNegative() || debounce.toMillis() > 2_000) {
            throw new IllegalArgumentException("templates.debounce must be within 0..2s (changes must be live within a second)");
        }
        if (pollInterval.toMillis() < 50) throw new IllegalArgumentException("templates.pollInterval must be at least 50ms");
    }

    public FolderWatcher.Settings watchSettings() {
        return new FolderWatcher.Settings(FolderWatcher.Mode.valueOf(watch.toUpperCase(Locale.ROOT)), debounce, pollInterval);
    }

    public TemplateSettings withFolders(List<String> f) { return new TemplateSettings(f, watch, debounce, pollInterval); }
}
