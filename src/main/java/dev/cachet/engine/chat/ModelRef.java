package dev.cachet.engine.chat;

/** A resolved provider + model (aliases already applied). */
public record ModelRef(String provider, String model) {
    @Override public String toString() { return provider + "/" + model; }
}
