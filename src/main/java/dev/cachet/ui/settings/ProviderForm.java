package dev.cachet.ui.settings;

import dev.cachet.engine.config.ProviderConfig;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * One provider entry being edited. The API key never enters the UI: only the name of its environment
 * variable, and whether that variable is set.
 */
public final class ProviderForm {

    public static final List<String> KINDS = List.of("openai", "ollama", "anthropic");

    /** The entry as loaded (null for one added here): keeps what Settings does not edit (timeouts, aliases, burst). */
    private final ProviderConfig original;
    private final SettingField id;
    private final ObjectProperty<String> kind;
    private final SettingField baseUrl;
    private final SettingField keyEnv;
    private final SettingField defaultModel;
    private final SettingField requestsPerSecond;
    private final SettingField fallbacks;
    private final ResilienceForm resilience;
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(this, "health", "");
    private final ObservableList<String> modelChoices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper keyStatus = new ReadOnlyStringWrapper(this, "keyStatus", "");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyBooleanWrapper testFailed = new ReadOnlyBooleanWrapper(this, "testFailed", false);
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);

    ProviderForm(ProviderConfig c, boolean added, List<String> knownModels, Predicate<String> variableSet) {
        this.original = added ? null : c;
        id = new SettingField("Id", c.id());
        kind = new SimpleObjectProperty<>(this, "kind", c.kind());
        baseUrl = new SettingField("Base URL", nullToEmpty(c.baseUrl()));
        keyEnv = new SettingField("API key variable", nullToEmpty(c.apiKeyEnv()));
        defaultModel = new SettingField("Default model", nullToEmpty(c.defaultModel()));
        requestsPerSecond = new SettingField("Requests/s", SettingRules.formatNumber(c.requestsPerSecond()));
        fallbacks = new SettingField("Fallbacks", String.join(", ", c.fallbacks()));
        resilience = new ResilienceForm(c);
        modelChoices.setAll(knownModels);
        keyEnv.textProperty().addListener((o, a, b) -> keyStatus.set(keyStatus(b, variableSet)));
        keyStatus.set(keyStatus(keyEnv.text(), variableSet));
    }

    public SettingField id() { return id; }
    public ObjectProperty<String> kindProperty() { return kind; }
    public SettingField baseUrl() { return baseUrl; }
    public SettingField keyEnv() { return keyEnv; }
    public SettingField defaultModel() { return defaultModel; }
    public SettingField requestsPerSecond() { return requestsPerSecond; }
    public SettingField fallbacks() { return fallbacks; }
    /** Limits, retries and timeouts. */
    public ResilienceForm resilience() { return resilience; }
    /** "98% of 60 probes in the last hour · 120 ms · breaker closed": what the health monitor has seen. */
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }

    void health(String text) { health.set(text); }
    /** Models to pick the default from: the configured ones, refreshed by Test connection. */
    public ObservableList<String> modelChoices() { return modelChoices; }

    /** "OPENAI_API_KEY is set", "... is not set", or "no key (fine for local servers)". */
    public ReadOnlyStringProperty keyStatusProperty() { return keyStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty testResultProperty() { return testResult.getReadOnlyProperty(); }
    public String testResult() { return testResult.get(); }
    public ReadOnlyBooleanProperty testFailedProperty() { return testFailed.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty testingProperty() { return testing.getReadOnlyProperty(); }

    List<SettingField> fields() {
        var all = new java.util.ArrayList<>(List.of(id, baseUrl, keyEnv, defaultModel, requestsPerSecond, fallbacks));
        all.addAll(resilience.fields());
        return all;
    }

    /** Fallback names as typed, split on commas. */
    List<String> fallbackList() {
        return Arrays.stream(fallbacks.text().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    ProviderConfig toConfig(String id, String baseUrl, String keyEnv, String model, double rps, List<String> fallbackList) {
        ProviderConfig base = original != null ? original
                : new ProviderConfig(id, kind.get(), baseUrl, keyEnv, model, List.of(), null, null, null);
        return new ProviderConfig(id, kind.get(), baseUrl, keyEnv, model, base.models(), base.aliases(), base.timeout(),
                base.firstTokenTimeout(), fallbackList, rps, base.burst(), base.resilience());
    }

    void testStarted() {
        testing.set(true);
        testFailed.set(false);
        testResult.set("testing…");
    }

    void testFinished(String text, boolean failed, List<String> models) {
        testing.set(false);
        testFailed.set(failed);
        testResult.set(text);
        if (models != null) {
            String typed = defaultModel.text();
            modelChoices.setAll(models);
            defaultModel.setText(typed); // a ComboBox clears its text when its items change
        }
    }

    private static String keyStatus(String name, Predicate<String> variableSet) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) return "no key (fine for local servers)";
        if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) return "";
        return n + (variableSet.test(n) ? " is set" : " is not set");
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
