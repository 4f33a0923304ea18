package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ModelRef;

/** The provider and concrete model a request goes to. */
public record ResolvedModel(ModelRef ref, ChatProvider provider) { }
