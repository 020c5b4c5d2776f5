package io.vigil.store;

/**
 * Fired once Vigil's database is at the current schema, on the thread that brought it there (Quarkus' main thread,
 * or a worker while the HTTP server starts): start-up work that needs the database and must be done before Vigil is
 * ready (the first admin token, the first write probe) observes this, in {@code @Priority} order. Other threads'
 * connections wait until these observers are done.
 */
public record SchemaReady() {
}
