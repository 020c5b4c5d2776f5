package io.vigil.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A stable id for a rule and label set: the same condition on the same series is the same alert across restarts. */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(String rule, Map<String, String> labels) {
        StringBuilder text = new StringBuilder(rule);
        new TreeMap<>(labels).forEach((k, v) -> text.append('\u0000').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
