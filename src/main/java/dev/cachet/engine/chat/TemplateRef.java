package dev.cachet.engine.chat;

import java.util.Objects;

/** The prompt template a request was rendered from: its id and content-hash version. */
public record TemplateRef(String id, String version) {
    public TemplateRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
