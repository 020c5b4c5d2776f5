package io.vigil.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.store.Jdbc;

/**
 * API tokens in Vigil's database. A token just checked is trusted for {@code vigil.auth.cache-for} without another
 * read, so a request costs no query; revoking here forgets it at once. Blocking JDBC: call it on worker threads.
 */
@ApplicationScoped
public class TokenStore {

    /** A token and the secret to hand out, once. */
    public record Issued(ApiToken token, String secret) {
    }

    private record Cached(Optional<ApiToken> token, Instant readAt) {
    }

    private static final String COLUMNS = "id, name, role, created_at, created_by, last_used_at, expires_at, revoked_at";
    private static final int CACHE_LIMIT = 10_000;
    /** Last use is written at most this often per token: a busy dashboard must not write on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final Duration cacheFor;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

    public TokenStore(Jdbc jdbc, AuthConfig config) {
        this.jdbc = jdbc;
        this.cacheFor = config.cacheFor();
    }

    public Issued create(String name, Role role, Instant expiresAt, String createdBy) {
        return store(name, role, expiresAt, createdBy, TokenSecret.generate());
    }

    /** Stores a token whose secret was chosen elsewhere (the configured first admin token). */
    public Issued store(String name, Role role, Instant expiresAt, String createdBy, String secret) {
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), name, role, Instant.now(), createdBy, null, expiresAt, null);
        jdbc.update("store the token",
                "INSERT INTO api_token (id, name, role, secret_hash, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, token.id());
                    s.setString(2, name);
                    s.setString(3, role.label());
                    s.setString(4, TokenSecret.hash(secret));
                    s.setObject(5, utc(token.createdAt()));
                    s.setString(6, createdBy);
                    s.setObject(7, utc(expiresAt));
                });
        byHash.remove(TokenSecret.hash(secret));
        return new Issued(token, secret);
    }

    public List<ApiToken> all() {
        return jdbc.query("read the tokens", "SELECT " + COLUMNS + " FROM api_token ORDER BY created_at", Jdbc.NO_PARAMETERS,
                TokenStore::read);
    }

    public Optional<ApiToken> get(String id) {
        return jdbc.queryOne("read the tokens", "SELECT " + COLUMNS + " FROM api_token WHERE id = ?", s -> s.setString(1, id),
                TokenStore::read);
    }

    public boolean any() {
        return jdbc.queryOne("read the tokens", "SELECT COUNT(*) FROM api_token", Jdbc.NO_PARAMETERS, rs -> rs.getLong(1))
                .orElseThrow() > 0;
    }

    /** The token with this secret, whether or not it is still valid; empty when there is none. */
    public Optional<ApiToken> bySecret(String secret) {
        String hash = TokenSecret.hash(secret);
        Instant now = Instant.now();
        Cached cached = byHash.get(hash);
        if (cached != null && cached.readAt().plus(cacheFor).isAfter(now)) {
            return cached.token();
        }
        Optional<ApiToken> token = jdbc.queryOne("read the tokens", "SELECT " + COLUMNS + " FROM api_token WHERE secret_hash = ?",
                s -> s.setString(1, hash), TokenStore::read);
        if (byHash.size() >= CACHE_LIMIT) {
            byHash.clear();
        }
        byHash.put(hash, new Cached(token, now));
        token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)).ifPresent(t -> touch(t, now));
        return token;
    }

    /** @return the revoked token; empty when there is no such token */
    public Optional<ApiToken> revoke(String id) {
        Instant now = Instant.now();
        jdbc.update("revoke the token", "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", s -> {
            s.setObject(1, utc(now));
            s.setString(2, id);
        });
        byHash.clear();
        return get(id);
    }

    private void touch(ApiToken token, Instant now) {
        try {
            jdbc.update("note the token's last use", "UPDATE api_token SET last_used_at = ? WHERE id = ?", s -> {
                s.setObject(1, utc(now));
                s.setString(2, token.id());
            });
        } catch (IllegalStateException e) {
            // Last use is a courtesy; a store that cannot be written must not lock everybody out.
        }
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("name"), Role.parse(rs.getString("role")),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "last_used_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"));
    }

    private static LocalDateTime utc(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
