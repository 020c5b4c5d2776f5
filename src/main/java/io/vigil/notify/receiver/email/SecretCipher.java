package io.vigil.notify.receiver.email;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (the SMTP password). A sealed value is {@code v1:} and the base64 of a random
 * 12-byte nonce followed by the ciphertext and its 16-byte tag; a changed key or a tampered value fails to open.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The cipher for {@code vigil.notify.settings-key}, or empty when it is not set.
     *
     * @throws IllegalArgumentException when the key is set but is not the base64 of 32 bytes
     */
    public static Optional<SecretCipher> fromConfig(Optional<String> base64Key) {
        if (base64Key.isEmpty() || base64Key.get().isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.get().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.notify.settings-key is not base64; generate one with"
                    + " 'openssl rand -base64 32'");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("vigil.notify.settings-key must be the base64 of 32 bytes, it has "
                    + key.length + "; generate one with 'openssl rand -base64 32'");
        }
        return Optional.of(new SecretCipher(key));
    }

    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException when the value was sealed with another key, or altered */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("the stored secret is not in a format Vigil wrote");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("the stored secret is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt the stored secret: was vigil.notify.settings-key changed?", e);
        }
    }
}
