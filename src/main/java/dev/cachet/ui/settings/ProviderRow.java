package dev.cachet.ui.settings;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One configured provider as Settings shows it. The API key is never read into the UI: only the name
 * of its environment variable and whether that variable is set.
 */
public final class ProviderRow {

    private final String id;
    private final String kind;
    private final String baseUrl;
    private final String apiKeyEnv;
    private final boolean keySet;
    private final boolean wired;
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyStringWrapper models = new ReadOnlyStringWrapper(this, "models", "");

    ProviderRow(String id, String kind, String baseUrl, String apiKeyEnv, boolean keySet, boolean wired, String models) {
        this.id = id;
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.apiKeyEnv = apiKeyEnv;
        this.keySet = keySet;
        this.wired = wired;
        this.models.set(models);
    }

    public String id() { return id; }
    public String kind() { return kind; }
    public String baseUrl() { return baseUrl; }
    public String apiKeyEnv() { return apiKeyEnv; }
    /** True when the engine has an adapter for this provider in the running pipeline. */
    public boolean wired() { return wired; }

    /** "OPENAI_API_KEY (set)", "OPENAI_API_KEY (not set)" or "no key needed". */
    public String keyStatus() {
        if (apiKeyEnv == null || apiKeyEnv.isBlank()) return "no key needed";
        return apiKeyEnv + (keySet ? " (set)" : " (not set)");
    }

    public ReadOnlyStringProperty testResultProperty() { return testResult.getReadOnlyProperty(); }
    public String testResult() { return testResult.get(); }
    public ReadOnlyStringProperty modelsProperty() { return models.getReadOnlyProperty(); }

    void testResult(String text) { testResult.set(text); }
    void models(String text) { models.set(text); }
}
