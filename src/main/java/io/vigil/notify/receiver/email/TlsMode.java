package io.vigil.notify.receiver.email;

import java.util.Locale;

import io.vigil.web.InvalidFieldException;

/** How the SMTP connection is secured: not at all, upgraded with STARTTLS, or TLS from the first byte (SMTPS). */
public enum TlsMode {

    NONE, STARTTLS, TLS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TlsMode parse(String text) {
        if (text != null) {
            for (TlsMode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new InvalidFieldException("tls", "'" + text + "' is not a TLS mode; use none, starttls or tls");
    }
}
