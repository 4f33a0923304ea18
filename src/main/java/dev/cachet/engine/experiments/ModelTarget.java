package dev.cachet.engine.experiments;

/**
 * Where cells are sent: a provider and a model, either of which may be null (the template's model, or
 * the configured default).
 */
public record ModelTarget(String provider, String model) {

    public static final ModelTarget DEFAULT = new ModelTarget(null, null);

    /** "provider/model", "provider" or a bare model name (then the default provider). */
    public static ModelTarget parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash < 0) return new ModelTarget(null, t);
        return new ModelTarget(t.substring(0, slash), t.substring(slash + 1).isEmpty() ? null : t.substring(slash + 1));
    }

    public String label() {
        if (provider == null && model == null) return "default model";
        if (provider == null) return model;
        return model == null ? provider : provider + "/" + model;
    }
}
