package io.vigil.audit;

import java.time.Instant;

/**
 * One change asked of the API, made or refused: who ({@code actor}, the identity's name, and {@code auth}, how it
 * signed in: {@code token}, {@code jwt} or {@code anonymous}), what ({@code action}, the HTTP method, on
 * {@code target}, the path), when, from where ({@code remote}) and the HTTP status it got ({@code outcome}). Never a
 * body or a query string: those carry secrets.
 */
public record AuditEvent(String id, Instant at, String actor, String auth, String action, String target, int outcome,
        String remote, String detail) {
}
