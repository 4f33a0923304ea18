package dev.cachet.engine.store;

/** The database cannot be used; the message names the file and says what to do. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message) { super(message); }
    public DatabaseException(String message, Throwable cause) { super(message, cause); }
}
