package io.vigil.auth;

import java.time.Instant;

/** An API token as stored, without its secret (only a hash of it is kept). */
public record ApiToken(String id, String name, Role role, Instant createdAt, String createdBy, Instant lastUsedAt,
        Instant expiresAt, Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
