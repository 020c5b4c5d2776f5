package io.vigil.source.pipelines;

/** Where a stream stands: {@code consuming}, {@code waiting} (and why), {@code queue-level} or {@code misconfigured}. */
record StreamState(String state, String detail) {

    static StreamState consuming() {
        return new StreamState("consuming", null);
    }

    /** Consuming, with a note on how it started (e.g. what Vigil's queue kept across a reconnect). */
    static StreamState consuming(String note) {
        return new StreamState("consuming", note);
    }

    static StreamState waiting(String why) {
        return new StreamState("waiting", why);
    }

    static StreamState misconfigured(String why) {
        return new StreamState("misconfigured", why);
    }

    static StreamState queueLevel(String detail) {
        return new StreamState("queue-level", detail);
    }

    boolean isConsuming() {
        return state.equals("consuming");
    }

    boolean healthy() {
        return state.equals("consuming") || state.equals("queue-level");
    }
}
