package io.vigil.notify.contacts;

import java.util.regex.Pattern;

import io.vigil.alert.Severity;
import io.vigil.web.InvalidFieldException;

/** Someone who gets email notifications from a minimum severity up. */
public record Contact(String id, String name, String email, Severity minSeverity) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>(),;:\"\\[\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public static boolean isEmail(String text) {
        return text != null && text.length() <= 320 && EMAIL.matcher(text).matches();
    }

    /**
     * A contact from what a user sent.
     *
     * @throws InvalidFieldException naming the first field that is missing or wrong
     */
    public static Contact of(String id, String name, String email, String minSeverity) {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "a contact needs a name");
        }
        if (name.length() > 200) {
            throw new InvalidFieldException("name", "at most 200 characters");
        }
        if (email == null || email.isBlank()) {
            throw new InvalidFieldException("email", "a contact needs an email address");
        }
        if (!isEmail(email.trim())) {
            throw new InvalidFieldException("email", "'" + email + "' is not an email address");
        }
        Severity severity;
        try {
            severity = minSeverity == null ? Severity.WARNING : Severity.parse(minSeverity);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("min_severity", e.getMessage());
        }
        return new Contact(id, name.trim(), email.trim(), severity);
    }
}
