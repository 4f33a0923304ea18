package dev.cachet.engine.data;

/** A database the data route cannot use, or a query it could not run; the message says which and why. */
public final class DataException extends Exception {
    public DataException(String message, Throwable cause) { super(message, cause); }
}
