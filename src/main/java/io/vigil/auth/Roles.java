package io.vigil.auth;

/**
 * The role names, as {@code @RolesAllowed} takes them. Each role includes the ones below it: an admin is also an
 * operator and a viewer.
 */
public final class Roles {

    /** Reads everything and follows the stream. */
    public static final String VIEWER = "viewer";
    /** A viewer who also acknowledges, silences, runs schedules now and resolves recoveries. */
    public static final String OPERATOR = "operator";
    /** Everything: rules, contacts, receivers and SMTP settings, schedules, tokens, the audit log. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
