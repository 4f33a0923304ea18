package dev.cachet.engine.data;

import dev.cachet.engine.config.DurationText;
import dev.cachet.engine.config.InvalidFieldException;

import java.time.Duration;

/**
 * The {@code data:} section of cachet.yaml: the database the data route answers from.
 *
 * @param url          {@code sample} (the shop database Cachet builds in the data dir, the default),
 *                     {@code none}, a SQLite file path, or any JDBC URL whose driver is on the class path
 *                     (SQLite and PostgreSQL drivers ship)
 * @param user         database user for JDBC URLs that need one (null = none)
 * @param passwordEnv  environment variable holding the password (the password itself is never stored)
 * @param rowLimit     most rows a query returns (more are cut, and the answer says so)
 * @param queryTimeout longest a query may run
 * @param sqlRetries   times bad SQL from the model is sent back with the error (then the error is shown)
 */
public record DataSettings(String url, String user, String passwordEnv, int rowLimit, Duration queryTimeout, int sqlRetries) {

    public static final String SAMPLE = "sample";
    public static final String NONE = "none";
    public static final DataSettings DEFAULTS = new DataSettings(SAMPLE, null, null, 200, Duration.ofSeconds(5), 1);

    public DataSettings {
        url = url == null || url.isBlank() ? SAMPLE : url.strip();
        if (rowLimit < 1 || rowLimit > 100_000) throw new InvalidFieldException("data", "rowLimit", "must be within 1..100000, was " + rowLimit);
        if (queryTimeout == null || queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new InvalidFieldException("data", "queryTimeout", "must be a positive duration"
                    + (queryTimeout == null ? "" : ", was " + DurationText.format(queryTimeout)));
        }
        if (sqlRetries < 0 || sqlRetries > 3) throw new InvalidFieldException("data", "sqlRetries", "must be within 0..3, was " + sqlRetries);
    }

    public boolean connected() { return !NONE.equals(url); }

    /** A file on this machine (the sample, a SQLite path or URL): connecting takes milliseconds, not a network round trip. */
    public boolean local() { return connected() && (!url.startsWith("jdbc:") || url.startsWith("jdbc:sqlite:")); }

    public DataSettings withUrl(String u) { return new DataSettings(u, user, passwordEnv, rowLimit, queryTimeout, sqlRetries); }
}
