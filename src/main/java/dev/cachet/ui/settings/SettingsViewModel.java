package dev.cachet.ui.settings;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.ChatProvider;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.Theme;
import dev.cachet.ui.shell.ThemeStylesheets;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Settings: providers (with test connection), cache settings, data dir, and the theme. */
public final class SettingsViewModel {

    private final Engine engine;
    private final UiThread ui;
    private final ObjectProperty<Theme> theme;
    private final ThemeStylesheets themes;
    private final ObservableList<ProviderRow> providers = FXCollections.observableArrayList();

    /**
     * @param theme the shell's theme property: changing it here restyles the window at once
     * @param env   environment lookup (System::getenv in the app): only asked whether a key variable is set
     */
    public SettingsViewModel(Engine engine, ObjectProperty<Theme> theme, ThemeStylesheets themes,
                             Function<String, String> env, UiThread ui) {
        this.engine = engine;
        this.theme = theme;
        this.themes = themes;
        this.ui = ui;
        ProviderRegistry registry = engine.providers();
        var rows = new LinkedHashMap<String, ProviderRow>();
        for (var entry : registry.entries()) {
            ChatProvider p = entry.provider();
            rows.put(p.id(), new ProviderRow(p.id(), SimulatorProvider.ID.equals(p.id()) ? "simulator" : p.displayName(),
                    SimulatorProvider.ID.equals(p.id()) ? "(in-process)" : "", null, false, true,
                    String.join(", ", entry.knownModels())));
        }
        for (ProviderConfig c : engine.config().providers()) {
            boolean wired = rows.containsKey(c.id());
            String known = wired ? rows.get(c.id()).modelsProperty().get() : String.join(", ", c.models());
            rows.put(c.id(), new ProviderRow(c.id(), c.kind(), c.baseUrl(), c.apiKeyEnv(),
                    c.apiKeyEnv() != null && env.apply(c.apiKeyEnv()) != null && !env.apply(c.apiKeyEnv()).isBlank(),
                    wired, known));
        }
        providers.setAll(rows.values());
    }

    public ObjectProperty<Theme> themeProperty() { return theme; }
    public List<Theme> themeChoices() { return List.of(Theme.values()); }
    public ObservableList<ProviderRow> providers() { return providers; }

    public String dataDir() { return engine.dataDir().toString(); }
    public String databaseFile() { return engine.dataDir().resolve("cachet.db").toString(); }
    public String userCss() { return themes.userCssLocation().toString(); }
    public String themeFolders() { return String.join(", ", themes.folders().stream().map(Object::toString).toList()); }

    /** L1 size and TTL per category, as configured. */
    public Map<String, String> cacheSettings() {
        CacheSettings c = engine.config().cache();
        var out = new LinkedHashMap<String, String>();
        out.put("L1 (memory) size", (c.l1MaxBytes() >> 20) + " MiB");
        c.ttl().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put("TTL · " + e.getKey(), duration(e.getValue())));
        out.put("Compress values above", c.compressAboveBytes() + " bytes");
        out.put("Write-behind", c.writeBehindBatch() + " rows or " + c.writeBehindDelay().toMillis() + " ms");
        return out;
    }

    /**
     * Asks the provider for its models and reports the round trip; never blocks the UI thread.
     * Completes after the row's result text is set.
     */
    public CompletableFuture<Void> testConnection(ProviderRow row) {
        row.testResult("testing…");
        var done = new CompletableFuture<Void>();
        Thread.ofVirtual().name("settings-test-" + row.id()).start(() -> {
            String result;
            String models = null;
            if (!row.wired()) {
                result = "no adapter for '" + row.kind() + "' in this build yet: requests cannot use it";
            } else {
                long t0 = System.nanoTime();
                try {
                    List<String> list = engine.providers().entry(row.id()).provider().models();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    result = "OK in " + ms + " ms · " + list.size() + " model" + (list.size() == 1 ? "" : "s");
                    models = String.join(", ", list);
                } catch (ProviderException e) {
                    result = "failed: " + e.error().oneLine();
                } catch (RuntimeException e) {
                    result = "failed: " + e.getMessage();
                }
            }
            String r = result;
            String m = models;
            ui.run(() -> {
                row.testResult(r);
                if (m != null) row.models(m);
                done.complete(null);
            });
        });
        return done;
    }

    static String duration(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) return d.toDays() + " d";
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) return d.toHours() + " h";
        if (d.toMinutes() > 0 && d.toSeconds() % 60 == 0) return d.toMinutes() + " min";
        return String.format(Locale.ROOT, "%d s", d.toSeconds());
    }
}
