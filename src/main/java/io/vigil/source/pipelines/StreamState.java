package io.vigil.source.pipelines;

/** Where a stream stands: {@code consuming}, {@code waiting} (and why), {@code queue-level} or {@code misconfigured}. */
record StreamState(String state, String detail) {

    static StreamState consuming() {
        return new StreamState("consuming", null);
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
