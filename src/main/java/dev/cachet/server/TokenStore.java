package dev.cachet.server;

import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.SchemaModule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint's bearer tokens, one per label ("workbench", "ide", ...). A token is 256 random bits, shown
 * once when issued; only its SHA-256 is stored (a high-entropy token needs no slow hash), and a
 * presented token is compared by hash in constant time. Issuing a label again replaces its token.
 */
public final class TokenStore {

    public static final String DEFAULT_LABEL = "default";
    private static final String PREFIX = "cachet-";

    private final Database db;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    /** hash -> label; what every request checks, kept in memory. */
    private final Map<String, String> labelsByHash = new ConcurrentHashMap<>();

    public TokenStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(new Schema());
        db.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT label, sha256 FROM endpoint_token")) {
                while (rs.next()) labelsByHash.put(rs.getString(2), rs.getString(1));
            }
            return null;
        });
    }

    /** Creates (or replaces) the token of {@code label}; the returned text is the only copy there will be. */
    public String issue(String label) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("a token needs a label");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = sha256(token);
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO endpoint_token(label, sha256, created_ms) VALUES (?,?,?) "
                    + "ON CONFLICT(label) DO UPDATE SET sha256 = excluded.sha256, created_ms = excluded.created_ms")) {
                ps.setString(1, label.strip());
                ps.setString(2, hash);
                ps.setLong(3, clock.millis());
                return ps.executeUpdate();
            }
        });
        labelsByHash.values().removeIf(l -> l.equals(label.strip()));
        labelsByHash.put(hash, label.strip());
        return token;
    }

    /** The label of {@code presented}, or empty when it is no token of ours. */
    public Optional<String> verify(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) return Optional.empty();
        byte[] hash = sha256(presented).getBytes(StandardCharsets.US_ASCII);
        for (var e : labelsByHash.entrySet()) {
            if (MessageDigest.isEqual(hash, e.getKey().getBytes(StandardCharsets.US_ASCII))) return Optional.of(e.getValue());
        }
        return Optional.empty();
    }

    public boolean isEmpty() { return labelsByHash.isEmpty(); }

    public List<String> labels() { return new ArrayList<>(labelsByHash.values()).stream().sorted().toList(); }

    public boolean revoke(String label) {
        int n = db.write(c -> {
            try (var ps = c.prepareStatement("DELETE FROM endpoint_token WHERE label = ?")) {
                ps.setString(1, label);
                return ps.executeUpdate();
            }
        });
        labelsByHash.values().removeIf(l -> l.equals(label));
        return n > 0;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class Schema implements SchemaModule {
        @Override public String name() { return "endpoint"; }

        @Override public List<String> migrations() {
            return List.of("CREATE TABLE endpoint_token (label TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL)");
        }
    }
}
