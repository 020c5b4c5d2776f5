package io.vigil.source.clients;

import io.vertx.redis.client.impl.types.ErrorType;

/** Tells Redis' own error replies (the server answered, and refused) from a connection that failed. */
final class RedisReplies {

    private RedisReplies() {
    }

    /** The server answered with an error (ERR, NOPERM, WRONGTYPE ...): the connection itself is fine. */
    static boolean isErrorReply(Throwable failure) {
        return failure instanceof ErrorType;
    }

    static boolean isWrongType(Throwable failure) {
        return failure instanceof ErrorType error && error.is("WRONGTYPE");
    }
}
