package dev.cachet.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the encryption of a database: finds the key (environment variable, else the OS keyring), checks
 * it against the probe the file keeps, and refuses in one line, naming the file and the key id, when
 * the file is encrypted and the key is missing or another one.
 */
public final class AtRestKeys {

    private static final byte[] PROBE = "cachet encryption probe".getBytes(StandardCharsets.US_ASCII);

    private AtRestKeys() { }

    /**
     * @param secret the key or passphrase (null: none found)
     * @param source where it was looked for, for messages ("CACHET_ENCRYPTION_KEY")
     */
    public static AtRest open(Database db, String secret, String source, List<String> scope) {
        db.migrate(new EncryptionSchema());
        Map<String, byte[]> rows = db.read(c -> {
            var out = new HashMap<String, byte[]>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT name, value FROM encryption")) {
                while (rs.next()) out.put(rs.getString(1), rs.getBytes(2));
            }
            return out;
        });
        byte[] probe = rows.get("probe");
        String storedId = rows.containsKey("key-id") ? new String(rows.get("key-id"), StandardCharsets.US_ASCII) : null;
        if (secret == null) {
            if (probe == null) return AtRest.NONE;
            throw new DatabaseException(db.file() + " is encrypted (key " + storedId + ") but " + source + " is not set: set it to the key"
                    + " the file was written with, or start Cachet with --data-dir DIR to use another folder; nothing was changed");
        }
        byte[] salt = rows.get("salt");
        if (salt == null) {
            salt = new byte[16];
            new SecureRandom().nextBytes(salt);
        }
        AtRest atRest = AtRest.of(secret, salt, scope);
        if (probe != null) {
            try {
                if (!Arrays.equals(atRest.open(probe), PROBE)) throw new AtRest.LockedException("probe differs");
            } catch (AtRest.LockedException e) {
                throw new DatabaseException("the key in " + source + " (key " + atRest.keyId() + ") is not the one " + db.file()
                        + " was encrypted with (key " + storedId + "): set the right key, or start Cachet with --data-dir DIR; nothing was changed");
            }
            return atRest;
        }
        byte[] newSalt = salt;
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT OR REPLACE INTO encryption(name, value) VALUES (?, ?)")) {
                for (var e : Map.of("salt", newSalt, "key-id", atRest.keyId().getBytes(StandardCharsets.US_ASCII), "probe", atRest.seal(PROBE)).entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setBytes(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return atRest;
    }
}
