package dev.cachet.engine.routing;

import java.util.Locale;

/** How much work a message asks for, from a greeting to "compare all of them in depth". */
public enum ComplexityLevel {
    TRIVIAL, SIMPLE, MEDIUM, COMPLEX, COMPREHENSIVE;

    /** Lower-case name, as written in cachet.yaml and shown in traces. */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static ComplexityLevel parse(String key) {
        for (ComplexityLevel l : values()) if (l.key().equals(key.strip().toLowerCase(Locale.ROOT))) return l;
        throw new IllegalArgumentException("unknown complexity level '" + key + "' (trivial, simple, medium, complex, comprehensive)");
    }

    ComplexityLevel up() { return this == COMPREHENSIVE ? this : values()[ordinal() + 1]; }
}
