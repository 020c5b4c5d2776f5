package io.vigil.auth;

import java.util.Locale;
import java.util.Set;

/** A token's role and the role names it grants (its own and every lesser one). */
public enum Role {

    VIEWER(Set.of(Roles.VIEWER)), OPERATOR(Set.of(Roles.VIEWER, Roles.OPERATOR)), ADMIN(
            Set.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN));

    private final Set<String> grants;

    Role(Set<String> grants) {
        this.grants = grants;
    }

    public Set<String> grants() {
        return grants;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but viewer, operator or admin */
    public static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.label().equalsIgnoreCase(text.strip())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("role must be viewer, operator or admin, got '" + text + "'");
    }

    /** The highest role among role names (from a token's claim, say); null when none is known. */
    public static Role highest(Iterable<String> names) {
        Role best = null;
        for (String name : names) {
            for (Role r : values()) {
                if (r.label().equalsIgnoreCase(name) && (best == null || r.ordinal() > best.ordinal())) {
                    best = r;
                }
            }
        }
        return best;
    }
}
