package dev.cachet.engine.chat;

/** Which pipeline level produced an answer. */
public enum AnswerSource {
    EXACT_CACHE("exact hit"), SEMANTIC_CACHE("semantic hit"), MODEL("model call");

    private final String label;
    AnswerSource(String label) { this.label = label; }
    public String label() { return label; }
    public boolean fromCache() { return this != MODEL; }
}
