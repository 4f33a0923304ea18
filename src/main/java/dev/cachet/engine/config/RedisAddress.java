package dev.cachet.engine.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the shared team cache lives, parsed from {@code redis://[user@]host[:port][/db]} or
 * {@code rediss://...} (TLS). A password never appears here: it comes from an environment variable.
 */
public record RedisAddress(String host, int port, int database, String user, boolean tls) {

    public static RedisAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid("'" + text + "' is not an address: " + e.getReason() + " (write redis://host:6379/0)");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw invalid("'" + text + "' must start with redis:// (or rediss:// for TLS)");
        }
        if (uri.getHost() == null) throw invalid("'" + text + "' names no host (write redis://host:6379/0)");
        String info = uri.getUserInfo();
        if (info != null && info.contains(":")) {
            throw invalid("must not hold a password: name its environment variable in cache.l2PasswordEnv");
        }
        int db = 0;
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!path.isEmpty()) {
            try {
                db = Integer.parseInt(path);
            } catch (NumberFormatException e) {
                throw invalid("'" + text + "': database '" + path + "' is not a number (0..15)");
            }
            if (db < 0) throw invalid("'" + text + "': database must not be negative");
        }
        return new RedisAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), db,
                info == null || info.isBlank() ? null : info, "rediss".equals(scheme));
    }

    /** What is wrong with the address, as the field cache.l2 of cachet.yaml. */
    private static InvalidFieldException invalid(String problem) {
        return new InvalidFieldException("cache", "l2", problem);
    }

    /** As a person reads it: no password, ever. */
    @Override public String toString() {
        return (tls ? "rediss://" : "redis://") + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }
}
