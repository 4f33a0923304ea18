package dev.cachet.engine.provider;

import dev.cachet.engine.catalogue.ModelSpec;
import dev.cachet.engine.chat.ModelRef;

/** The provider and concrete model a request goes to, with what the model catalogue knows about it. */
public record ResolvedModel(ModelRef ref, ChatProvider provider, ModelSpec spec) {

    /** A model the catalogue knows nothing about. */
    public ResolvedModel(ModelRef ref, ChatProvider provider) {
        this(ref, provider, ModelSpec.unknown(provider.kind(), ref.model()));
    }
}
