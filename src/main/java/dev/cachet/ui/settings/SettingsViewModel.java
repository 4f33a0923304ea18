package dev.cachet.ui.settings;

import dev.cachet.engine.Engine;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ConfigException;
import dev.cachet.engine.config.ConfigFile;
import dev.cachet.engine.config.EndpointSettings;
import dev.cachet.server.EndpointControl;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.ConnectionCheck;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.ui.fx.UiThread;
import dev.cachet.ui.shell.Theme;
import dev.cachet.ui.shell.ThemeStylesheets;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Settings: edits providers, the simulator and the cache, validates every field with a message that
 * says what to write, and saves {@code cachet.yaml} in the data dir. Simulator changes apply to the
 * running engine as soon as they are valid (an operator watches the dashboard react); providers and
 * cache sizes are built at start, so after a save they say "applies on next start". Also the theme.
 */
public final class SettingsViewModel {

    static final String NEXT_START = "saved · applies on next start";

    private final Engine engine;
    private final UiThread ui;
    private final ObjectProperty<Theme> theme;
    private final ThemeStylesheets themes;
    private final Environment environment;
    private final ConfigFile configFile = new ConfigFile();
    private final ConnectionCheck connectionCheck;

    private final ObservableList<ProviderForm> providers = FXCollections.observableArrayList();
    private final SettingField timeToFirstToken;
    private final SettingField tokensPerSecond;
    private final SettingField errorRate;
    private final SettingField rateLimitRate;
    private final SettingField l1Size;
    private final SettingField errorBound;
    private final SettingField semanticMax;
    private final Map<String, SettingField> ttl = new LinkedHashMap<>();
    private final SettingField database;
    private final SettingField smallTier;
    private final SettingField largeTier;
    private final SettingField confidence;
    private final EndpointForm endpoint;

    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(this, "statusIsError", false);
    private final ReadOnlyStringWrapper providersNote = new ReadOnlyStringWrapper(this, "providersNote", "");

    /** What {@code cachet.yaml} holds now: the running config until the first save. */
    private CachetConfig saved;
    private boolean loading;

    /**
     * @param theme the shell's theme property: changing it here restyles the window at once
     * @param env   environment lookup (System::getenv in the app): asked only whether a key variable is set,
     *              and read by Test connection to send the key to that provider
     */
    public SettingsViewModel(Engine engine, ObjectProperty<Theme> theme, ThemeStylesheets themes,
                             Function<String, String> env, UiThread ui) {
        this(engine, theme, themes, env, ui, new EndpointControl(engine));
    }

    /** @param endpoint the window's endpoint, which Save turns on, off or moves */
    public SettingsViewModel(Engine engine, ObjectProperty<Theme> theme, ThemeStylesheets themes,
                             Function<String, String> env, UiThread ui, EndpointControl endpoint) {
        this.engine = engine;
        this.theme = theme;
        this.themes = themes;
        this.ui = ui;
        this.environment = name -> Optional.ofNullable(env.apply(name)).filter(v -> !v.isBlank());
        this.connectionCheck = new ConnectionCheck(environment, Duration.ofSeconds(5), System::nanoTime, engine.models());
        this.saved = engine.config();
        SimulatorSettings sim = saved.simulator();
        timeToFirstToken = field("Time to first token", dev.cachet.engine.config.DurationText.format(sim.timeToFirstToken()));
        tokensPerSecond = field("Tokens/s", SettingRules.formatNumber(sim.tokensPerSecond()));
        errorRate = field("Error rate", SettingRules.formatNumber(sim.errorRate()));
        rateLimitRate = field("429 rate", SettingRules.formatNumber(sim.rateLimitRate()));
        l1Size = field("L1 (memory) size", SettingRules.formatSize(saved.cache().l1MaxBytes()));
        errorBound = field("Semantic error bound (δ)", SettingRules.formatPercent(saved.semantic().calibration().errorBound()));
        semanticMax = field("Semantic entries (most kept)", Integer.toString(saved.semantic().maxEntries()));
        new TreeMap<>(saved.cache().ttl()).forEach((category, d) ->
                ttl.put(category, field("TTL · " + category, dev.cachet.engine.config.DurationText.format(d))));
        database = field("Database", saved.data().url());
        smallTier = field("Small tier", orEmpty(saved.routing().tiers().get("small")));
        largeTier = field("Large tier", orEmpty(saved.routing().tiers().get("large")));
        confidence = field("Router confidence", SettingRules.formatNumber(saved.routing().confidenceThreshold()));
        setProviders(saved.activeProviders());
        this.endpoint = new EndpointForm(endpoint, saved.endpoint(), ui, this::changed);
        validate();
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    // ---- theme and read-only facts

    public ObjectProperty<Theme> themeProperty() { return theme; }
    public List<Theme> themeChoices() { return List.of(Theme.values()); }
    public String dataDir() { return engine.dataDir().toString(); }
    public String databaseFile() { return engine.dataDir().resolve("cachet.db").toString(); }
    public String configFile() { return engine.dataDir().resolve(ConfigFile.NAME).toString(); }
    public String userCss() { return themes.userCssLocation().toString(); }
    public String themeFolders() { return String.join(", ", themes.folders().stream().map(Object::toString).toList()); }

    /** Cache settings this pane does not edit, as text. */
    public Map<String, String> cacheFacts() {
        CacheSettings c = saved.cache();
        var out = new LinkedHashMap<String, String>();
        out.put("Compress values above", c.compressAboveBytes() + " bytes");
        out.put("Write-behind", c.writeBehindBatch() + " rows or " + c.writeBehindDelay().toMillis() + " ms");
        return out;
    }

    // ---- editable settings

    public ObservableList<ProviderForm> providers() { return providers; }
    public SettingField timeToFirstToken() { return timeToFirstToken; }
    public SettingField tokensPerSecond() { return tokensPerSecond; }
    public SettingField errorRate() { return errorRate; }
    public SettingField rateLimitRate() { return rateLimitRate; }
    public SettingField l1Size() { return l1Size; }
    /** δ: at most this share of the lookups with no right answer cached may get a cached one anyway. */
    public SettingField errorBound() { return errorBound; }
    public SettingField semanticMaxEntries() { return semanticMax; }
    /** The data route's database: "sample", "none", a SQLite file or a JDBC URL (applies on next start). */
    public SettingField database() { return database; }
    /** provider/model for the small and large tiers (empty = the tier leaves the model alone). */
    public SettingField smallTier() { return smallTier; }
    public SettingField largeTier() { return largeTier; }
    /** Below this confidence the router asks its fallbacks. */
    public SettingField confidence() { return confidence; }
    /** Whether the data route is connected, and to what (or why not). */
    public String databaseStatus() { return engine.data().source().status(); }
    /** TTL per cache category ("chat", ...), by category name. */
    public Map<String, SettingField> ttl() { return java.util.Collections.unmodifiableMap(ttl); }
    public EndpointForm endpoint() { return endpoint; }

    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }
    /** Where the last save went, or why it failed. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty statusIsErrorProperty() { return statusIsError.getReadOnlyProperty(); }
    /** "saved · applies on next start" once the saved provider list differs from the running one. */
    public ReadOnlyStringProperty providersNoteProperty() { return providersNote.getReadOnlyProperty(); }

    /** Kinds of entry that can be added; the default model of each comes from the model catalogue. */
    public enum NewProvider {
        OPENAI_COMPATIBLE("OpenAI-compatible server (llama.cpp, LM Studio, vLLM)", "local", "openai", "http://127.0.0.1:8080/v1", null, false),
        OLLAMA("Ollama", "ollama", "ollama", "http://localhost:11434", null, true),
        OPENAI("OpenAI", "openai", "openai", "https://api.openai.com/v1", "OPENAI_API_KEY", true),
        ANTHROPIC("Anthropic", "anthropic", "anthropic", "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY", true);

        private final String label;
        final String id, kind, baseUrl, keyEnv;
        /** A local OpenAI-compatible server serves whatever it loaded: no catalogue default applies. */
        final boolean catalogueDefault;

        NewProvider(String label, String id, String kind, String baseUrl, String keyEnv, boolean catalogueDefault) {
            this.label = label;
            this.id = id;
            this.kind = kind;
            this.baseUrl = baseUrl;
            this.keyEnv = keyEnv;
            this.catalogueDefault = catalogueDefault;
        }

        public String label() { return label; }
    }

    /** Adds an entry with the usual values for its kind and a free id ("local", "local-2", ...). */
    public ProviderForm addProvider(NewProvider template) {
        Set<String> taken = new HashSet<>();
        providers.forEach(p -> taken.add(p.id().text().strip()));
        String id = template.id;
        for (int n = 2; taken.contains(id); n++) id = template.id + "-" + n;
        String model = template.catalogueDefault ? engine.models().defaultModel(template.kind).orElse("") : "";
        var config = new ProviderConfig(id, template.kind, template.baseUrl, template.keyEnv, model, List.of(), null, null, null);
        var form = form(config, true);
        providers.add(form);
        validate();
        return form;
    }

    public void removeProvider(ProviderForm form) {
        providers.remove(form);
        validate();
    }

    /**
     * Writes {@code cachet.yaml} when the settings are valid and changed. On failure the previous file is
     * untouched and {@link #statusProperty()} says why.
     *
     * @return true when the file was written
     */
    public boolean save() {
        Optional<CachetConfig> edited = validate();
        if (edited.isEmpty()) {
            fail("Not saved: fix the fields marked in red first.");
            return false;
        }
        if (!dirty.get()) return false;
        Path file;
        try {
            file = configFile.write(engine.dataDir(), edited.get());
        } catch (ConfigException e) {
            fail("Not saved: " + e.getMessage());
            return false;
        }
        saved = edited.get();
        applySimulator(saved.simulator());
        endpoint.apply(saved.endpoint());
        statusIsError.set(false);
        status.set("Saved to " + file + (java.nio.file.Files.exists(file.resolveSibling(ConfigFile.BACKUP))
                ? " (previous version in " + ConfigFile.BACKUP + ")" : ""));
        validate();
        return true;
    }

    /** Puts every field back to what is saved, the running simulator included. */
    public void revert() {
        loading = true;
        try {
            SimulatorSettings sim = saved.simulator();
            timeToFirstToken.setText(dev.cachet.engine.config.DurationText.format(sim.timeToFirstToken()));
            tokensPerSecond.setText(SettingRules.formatNumber(sim.tokensPerSecond()));
            errorRate.setText(SettingRules.formatNumber(sim.errorRate()));
            rateLimitRate.setText(SettingRules.formatNumber(sim.rateLimitRate()));
            l1Size.setText(SettingRules.formatSize(saved.cache().l1MaxBytes()));
            errorBound.setText(SettingRules.formatPercent(saved.semantic().calibration().errorBound()));
            semanticMax.setText(Integer.toString(saved.semantic().maxEntries()));
            ttl.forEach((category, f) -> f.setText(dev.cachet.engine.config.DurationText.format(saved.cache().ttlFor(category))));
            database.setText(saved.data().url());
            smallTier.setText(orEmpty(saved.routing().tiers().get("small")));
            largeTier.setText(orEmpty(saved.routing().tiers().get("large")));
            confidence.setText(SettingRules.formatNumber(saved.routing().confidenceThreshold()));
            setProviders(saved.activeProviders());
            endpoint.load(saved.endpoint());
        } finally {
            loading = false;
        }
        applySimulator(saved.simulator());
        status.set("");
        validate();
    }

    /**
     * Asks the server as the entry is typed now (not as the engine started) for its models; reports the
     * round trip and refreshes the model list. Never blocks the UI thread; completes after the result is shown.
     */
    public CompletableFuture<Void> testConnection(ProviderForm form) {
        var done = new CompletableFuture<Void>();
        ProviderConfig draft;
        try {
            draft = new ProviderConfig(form.id().text().strip(), form.kindProperty().get(), SettingRules.baseUrl(form.baseUrl().text()),
                    SettingRules.keyEnv(form.keyEnv().text()), form.defaultModel().text().strip(), List.of(), null, null, null);
        } catch (IllegalArgumentException e) {
            form.testFinished("fix the fields first: " + e.getMessage(), true, null);
            done.complete(null);
            return done;
        }
        form.testStarted();
        Thread.ofVirtual().name("settings-test-" + draft.id()).start(() -> {
            ConnectionCheck.Result result = connectionCheck.check(draft);
            ui.run(() -> {
                switch (result) {
                    case ConnectionCheck.Result.Reachable r -> form.testFinished("OK in " + r.latency().toMillis() + " ms · "
                            + r.models().size() + " model" + (r.models().size() == 1 ? "" : "s"), false, r.models());
                    case ConnectionCheck.Result.Failed f -> form.testFinished("failed: " + f.message(), true, null);
                }
                done.complete(null);
            });
        });
        return done;
    }

    // ---- validation

    /** Checks every field, sets its message, and builds the config the fields describe (empty when any is wrong). */
    Optional<CachetConfig> validate() {
        boolean ok = true;
        Set<String> ids = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (ProviderForm p : providers) ids.add(p.id().text().strip());
        ids.add(SimulatorProvider.ID);
        var providerConfigs = new ArrayList<ProviderConfig>();
        for (ProviderForm p : providers) {
            String id = check(p.id(), () -> {
                String v = SettingRules.id(p.id().text());
                if (!seen.add(v)) throw new IllegalArgumentException("another provider already has id '" + v + "'");
                return v;
            });
            String url = check(p.baseUrl(), () -> SettingRules.baseUrl(p.baseUrl().text()));
            Optional<String> keyEnv = check(p.keyEnv(), () -> Optional.ofNullable(SettingRules.keyEnv(p.keyEnv().text())));
            String model = check(p.defaultModel(), () -> SettingRules.model(p.defaultModel().text()));
            Double rps = check(p.requestsPerSecond(), () -> SettingRules.requestsPerSecond(p.requestsPerSecond().text()));
            List<String> fallbacks = check(p.fallbacks(), () -> {
                for (String f : p.fallbackList()) {
                    String target = f.contains("/") ? f.substring(0, f.indexOf('/')) : f;
                    if (target.equals(p.id().text().strip())) throw new IllegalArgumentException("a provider cannot fall back to itself");
                    if (!ids.contains(target)) {
                        throw new IllegalArgumentException("fallback '" + f + "' is not a provider here (known: " + String.join(", ", ids) + ")");
                    }
                }
                return p.fallbackList();
            });
            if (id == null || url == null || model == null || rps == null || fallbacks == null || keyEnv == null) {
                ok = false;
                p.resilience().apply(p.toConfig("x", "http://x", null, "x", 0, List.of())); // still show its fields' messages
            } else {
                ProviderConfig withLimits = p.resilience().apply(p.toConfig(id, url, keyEnv.orElse(null), model, rps, fallbacks));
                if (withLimits == null) ok = false;
                else providerConfigs.add(withLimits);
            }
        }
        // Entries switched off in the file are not shown: keep them as they are (a built-in removed here comes back disabled).
        for (ProviderConfig off : saved.providers()) if (!off.enabled() && !seen.contains(off.id())) providerConfigs.add(off);
        Duration ttft = check(timeToFirstToken, () -> SettingRules.timeToFirstToken(timeToFirstToken.text()));
        Double tps = check(tokensPerSecond, () -> SettingRules.tokensPerSecond(tokensPerSecond.text()));
        Double errors = check(errorRate, () -> SettingRules.share(errorRate.text(), "error rate"));
        Double limits = check(rateLimitRate, () -> SettingRules.share(rateLimitRate.text(), "429 rate"));
        Long l1 = check(l1Size, () -> SettingRules.size(l1Size.text()));
        Double delta = check(errorBound, () -> SettingRules.errorBound(errorBound.text()));
        Integer maxEntries = check(semanticMax, () -> SettingRules.maxEntries(semanticMax.text()));
        var ttls = new LinkedHashMap<>(saved.cache().ttl());
        for (var e : ttl.entrySet()) {
            Duration d = check(e.getValue(), () -> SettingRules.ttl(e.getValue().text()));
            if (d == null) ok = false;
            else ttls.put(e.getKey(), d);
        }
        String dbUrl = check(database, () -> SettingRules.database(database.text(), engine.dataDir()));
        Optional<String> small = check(smallTier, () -> Optional.ofNullable(SettingRules.tier(smallTier.text(), ids)));
        Optional<String> large = check(largeTier, () -> Optional.ofNullable(SettingRules.tier(largeTier.text(), ids)));
        Double threshold = check(confidence, () -> SettingRules.confidence(confidence.text()));
        boolean routingOk = dbUrl != null && small != null && large != null && threshold != null;
        boolean simulatorOk = ttft != null && tps != null && errors != null && limits != null;
        EndpointSettings endpointSettings = endpoint == null ? saved.endpoint() : endpoint.validate();
        ok &= simulatorOk && l1 != null && delta != null && maxEntries != null && endpointSettings != null && routingOk;

        SimulatorSettings sim = null;
        if (simulatorOk) {
            sim = saved.simulator().withLatency(ttft, tps).withFailures(errors, limits);
            if (!loading) applySimulator(sim);
        }
        valid.set(ok);
        if (!ok) {
            dirty.set(true);
            notes();
            return Optional.empty();
        }
        CacheSettings c = saved.cache();
        var semantic = saved.semantic();
        var tiers = new LinkedHashMap<String, String>();
        small.ifPresent(t -> tiers.put("small", t));
        large.ifPresent(t -> tiers.put("large", t));
        CachetConfig edited = saved.withProviders(providerConfigs).withSimulator(sim)
                .withCache(new CacheSettings(l1, ttls, c.compressAboveBytes(), c.writeBehindBatch(), c.writeBehindDelay(),
                        c.l2(), c.l2PasswordEnv()))
                .withEndpoint(endpointSettings)
                .withData(saved.data().withUrl(dbUrl))
                .withRouting(saved.routing().withTiers(tiers).withConfidenceThreshold(threshold))
                .withSemantic(semantic.withCalibration(semantic.calibration().withErrorBound(delta)).withMaxEntries(maxEntries));
        dirty.set(!edited.equals(saved));
        notes();
        return Optional.of(edited);
    }

    /** "applies on next start" beside what is saved but not what the engine runs with. */
    private void notes() {
        CachetConfig running = engine.config();
        providersNote.set(saved.providers().equals(running.providers()) ? "" : NEXT_START);
        l1Size.note(saved.cache().l1MaxBytes() == running.cache().l1MaxBytes() ? "" : NEXT_START);
        errorBound.note(saved.semantic().calibration().errorBound() == running.semantic().calibration().errorBound() ? "" : NEXT_START);
        semanticMax.note(saved.semantic().maxEntries() == running.semantic().maxEntries() ? "" : NEXT_START);
        ttl.forEach((category, f) -> f.note(saved.cache().ttlFor(category).equals(running.cache().ttlFor(category)) ? "" : NEXT_START));
        database.note(saved.data().equals(running.data()) ? "" : NEXT_START);
        boolean routingSame = saved.routing().equals(running.routing());
        for (SettingField f : List.of(smallTier, largeTier, confidence)) f.note(routingSame ? "" : NEXT_START);
    }

    /** The parsed value, its field's message cleared; or null, with the message set to what is wrong. */
    static <T> T check(SettingField field, Supplier<T> parse) {
        try {
            T value = parse.get();
            field.error("");
            return value;
        } catch (IllegalArgumentException e) {
            field.error(e.getMessage());
            return null;
        }
    }

    private void fail(String message) {
        statusIsError.set(true);
        status.set(message);
    }

    /** The simulator takes new settings live; its model list and answer length stay as they run. */
    private void applySimulator(SimulatorSettings s) {
        SimulatorSettings now = engine.simulator().settings();
        SimulatorSettings next = now.withLatency(s.timeToFirstToken(), s.tokensPerSecond()).withFailures(s.errorRate(), s.rateLimitRate());
        if (!next.equals(now)) engine.simulator().settings(next);
    }

    private void setProviders(List<ProviderConfig> configs) {
        var forms = new ArrayList<ProviderForm>();
        for (ProviderConfig c : configs) forms.add(form(c, false));
        providers.setAll(forms);
    }

    /** What the health monitor and the provider's guard have seen, in one line (a snapshot when Settings opens). */
    private String healthOf(String providerId) {
        return engine.providerHealth().stream().filter(h -> h.provider().equals(providerId)).findFirst().map(h -> {
            var probes = h.probes();
            String seen = probes == null || probes.probes() == 0 ? "not probed yet"
                    : String.format(java.util.Locale.ROOT, "%.0f%% of %d probes answered in the last hour", probes.availability() * 100, probes.probes())
                    + (probes.lastLatency() == null ? "" : ", last in " + probes.lastLatency().toMillis() + " ms")
                    + (probes.lastDetail() == null ? "" : ", last failed: " + probes.lastDetail());
            return "Health: " + seen + " · breaker " + h.breaker().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + " · " + h.successes() + " calls ok, " + h.failures() + " failed";
        }).orElse("Health: not probed or called yet (the window probes each provider's model list once a minute)");
    }

    private ProviderForm form(ProviderConfig c, boolean added) {
        var known = new LinkedHashSet<String>(c.models());
        if (!added) engine.providers().entries().stream().filter(e -> e.provider().id().equals(c.id()))
                .findFirst().ifPresent(e -> known.addAll(e.knownModels()));
        if (c.defaultModel() != null && !c.defaultModel().isBlank()) known.add(c.defaultModel());
        var form = new ProviderForm(c, added, List.copyOf(known), name -> environment.get(name).isPresent());
        form.fields().forEach(f -> f.textProperty().addListener((o, a, b) -> changed()));
        form.kindProperty().addListener((o, a, b) -> changed());
        if (!added) form.health(healthOf(c.id()));
        return form;
    }

    private SettingField field(String label, String text) {
        var f = new SettingField(label, text);
        f.textProperty().addListener((o, a, b) -> changed());
        return f;
    }

    private void changed() {
        if (!loading) validate();
    }
}
