package dev.cachet.engine.config;

import java.util.List;

/**
 * Encryption at rest: on when the key is found, in the environment variable {@code keyEnv} (or, where
 * there is one, the OS keyring under service "cachet", account {@code keyEnv}). The key is never in a file.
 *
 * @param keyEnv where the key (32 bytes in base64) or a passphrase is read from
 * @param scope  what is sealed: {@code all} (default), or {@code conversations}, {@code model:PROVIDER/MODEL},
 *               {@code template:ID} entries
 */
public record EncryptionSettings(String keyEnv, List<String> scope) {

    public static final EncryptionSettings DEFAULTS = new EncryptionSettings(null, null);

    public EncryptionSettings {
        keyEnv = keyEnv == null || keyEnv.isBlank() ? "CACHET_ENCRYPTION_KEY" : keyEnv;
        scope = scope == null || scope.isEmpty() ? List.of("all") : List.copyOf(scope);
        for (int i = 0; i < scope.size(); i++) {
            String s = scope.get(i);
            if (!s.equals("all") && !s.equals("conversations") && !s.startsWith("model:") && !s.startsWith("template:")) {
                throw new InvalidFieldException("encryption", "scope[" + i + "]", "'" + s + "' is not all, conversations, model:PROVIDER/MODEL or template:ID");
            }
        }
    }
}
