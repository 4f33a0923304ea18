package dev.cachet.engine.config;

/** A configuration file that cannot be used, with the place that is wrong ("cachet.yaml:12:5: ..."). */
public final class ConfigException extends Exception {
    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
