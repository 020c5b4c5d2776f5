package io.vigil.log;

/** How a failure reads in a status, a log line or a notification log entry. */
public final class Failures {

    private Failures() {
    }

    /**
     * The failure's own message, and its root cause's when that says more: {@code connection refused} rather than a
     * wrapper's class name. A failure without a message is named by its class.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = message(failure);
        String rootMessage = message(root);
        return root == failure || own.contains(rootMessage) ? own : own + " (" + rootMessage + ")";
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
