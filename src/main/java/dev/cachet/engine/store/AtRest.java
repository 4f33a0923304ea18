package dev.cachet.engine.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Encryption at rest of what Cachet stores about what people asked and were told: cached answers (and
 * the queries of semantic entries), conversations. AES-256-GCM through the JDK (authenticated: a changed
 * byte fails to open instead of decrypting to garbage), a fresh 96-bit nonce per value. The key comes
 * from an environment variable (or the OS keyring), never from the file: the file keeps only a key id
 * and a sealed probe, so a wrong or missing key is told apart at open, not at the first answer.
 *
 * <p>Scope: {@code all}, or a list of what to seal: {@code conversations}, {@code model:PROVIDER/MODEL},
 * {@code template:ID}. Values written before encryption was switched on stay readable as they are.
 */
public final class AtRest {

    /** Sealed bytes start with this; plain values never do (UTF-8 text, deflate streams). */
    private static final byte[] MAGIC = {(byte) 0xCA, 'E', '1', 0};
    private static final String TEXT_PREFIX = "enc1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "cachet-at-rest-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Nothing sealed; reads still refuse sealed values with a clear message. */
    public static final AtRest NONE = new AtRest(null, null, List.of());

    private final SecretKeySpec key;
    private final String keyId;
    private final List<String> scope;

    private AtRest(SecretKeySpec key, String keyId, List<String> scope) {
        this.key = key;
        this.keyId = keyId;
        this.scope = List.copyOf(scope);
    }

    /**
     * A cipher from {@code secret}: 32 bytes in base64 are the key itself; anything else is a passphrase,
     * stretched with PBKDF2-HMAC-SHA256 over {@code salt}.
     */
    public static AtRest of(String secret, byte[] salt, List<String> scope) {
        byte[] raw = rawKey(secret);
        try {
            if (raw == null) {
                var spec = new PBEKeySpec(secret.toCharArray(), salt, 210_000, 256);
                raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            }
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4);
            return new AtRest(new SecretKeySpec(raw, "AES"), id, scope.isEmpty() ? List.of("all") : scope);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM and PBKDF2 are part of every JDK", e);
        }
    }

    private static byte[] rawKey(String secret) {
        try {
            byte[] b = Base64.getDecoder().decode(secret.strip());
            return b.length == 32 ? b : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    public boolean enabled() { return key != null; }

    /** Eight hex digits naming the key (a hash of it), for messages; null when off. */
    public String keyId() { return keyId; }

    /** Whether values of this namespace ("conversations", "model:openai/gpt-4o", "template:support") are sealed. */
    public boolean covers(String namespace) {
        return enabled() && (scope.contains("all") || scope.contains(namespace));
    }

    /** Whether an exact-cache entry of this model and template namespace is sealed. */
    public boolean coversEntry(String modelNamespace, String templateId) {
        return covers("model:" + modelNamespace) || (templateId != null && covers("template:" + templateId));
    }

    public byte[] seal(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(AAD);
            byte[] sealed = c.doFinal(plain);
            byte[] out = new byte[MAGIC.length + NONCE_BYTES + sealed.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            System.arraycopy(nonce, 0, out, MAGIC.length, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, MAGIC.length + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    public static boolean sealed(byte[] stored) {
        return stored != null && stored.length > MAGIC.length && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The plain bytes of a stored value (sealed or not). */
    public byte[] open(byte[] stored) {
        if (!sealed(stored)) return stored;
        if (!enabled()) throw new LockedException("a stored value is encrypted and no key is set");
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, MAGIC.length, NONCE_BYTES));
            c.updateAAD(AAD);
            return c.doFinal(stored, MAGIC.length + NONCE_BYTES, stored.length - MAGIC.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new LockedException("a stored value does not open with key " + keyId + " (another key, or the value was changed)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt: " + e.getMessage(), e);
        }
    }

    /** Text for a TEXT column: sealed and base64'd when {@code namespace} is covered, else as it is. */
    public String sealText(String text, String namespace) {
        if (text == null || !covers(namespace)) return text;
        return TEXT_PREFIX + Base64.getEncoder().encodeToString(seal(text.getBytes(StandardCharsets.UTF_8)));
    }

    public String openText(String stored) {
        if (stored == null || !stored.startsWith(TEXT_PREFIX)) return stored;
        return new String(open(Base64.getDecoder().decode(stored.substring(TEXT_PREFIX.length()))), StandardCharsets.UTF_8);
    }

    /** A sealed value that cannot be opened: no key, or another one. */
    public static final class LockedException extends RuntimeException {
        public LockedException(String message) { super(message); }
    }
}
