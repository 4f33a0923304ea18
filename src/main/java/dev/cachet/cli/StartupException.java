package dev.cachet.cli;

/** The engine cannot start (unreadable config, unusable data dir): exit code 3, one line on stderr. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) { super(message, cause); }
}
