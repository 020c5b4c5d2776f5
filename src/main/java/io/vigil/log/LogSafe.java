package io.vigil.log;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Text from outside Vigil (requests, broker messages, databases, Redis, remote error answers) made safe to log: every
 * character that can start a new line or drive a terminal is escaped, so such text stays on its own log line and
 * cannot forge another entry (CWE-117). Log templates are Vigil's own; wrap the values that came from outside.
 *
 * <p>
 * Escaped: CR as {@code \r}, LF as {@code \n}, every other C0 control, DEL and C1 control (NEL, U+0085, among them)
 * and the Unicode line and paragraph separators (U+2028, U+2029) as {@code \}{@code uXXXX}. A tab is kept: it cannot
 * start a line, and escaping it would garble text people paste with tabs. A backslash is kept too, so text that
 * already reads {@code \n} looks like an escaped line break; it is never one.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** The value's text with line breaks and control characters escaped; {@code null} gives "null", as in a log line. */
    public static String escape(Object value) {
        String text = String.valueOf(value);
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (unsafe(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The throwable as a log handler should print it: the same class names, stack traces, causes and suppressed
     * throwables, with every message escaped. Pass it where the original would go
     * ({@code LOG.errorf(LogSafe.escape(e), ...)}): an exception's message often quotes input (a database error
     * quotes the value it refused) and the first line of a printed stack trace is that message.
     */
    public static Throwable escape(Throwable throwable) {
        return throwable == null ? null : new Escaped(throwable, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029';
    }

    /** Stands in for a throwable when it is logged; {@link #toString()} is what a stack trace prints first. */
    private static final class Escaped extends Throwable {

        private final String shown;

        Escaped(Throwable original, Set<Throwable> seen) {
            super(original.getMessage() == null ? null : escape(original.getMessage()), causeOf(original, seen), true, true);
            shown = escape(original.toString());
            setStackTrace(original.getStackTrace());
            for (Throwable suppressed : original.getSuppressed()) {
                if (!seen.contains(suppressed)) {
                    addSuppressed(new Escaped(suppressed, seen));
                }
            }
        }

        /** A cause chain can loop back on itself: each throwable is rendered once, as Throwable itself does. */
        private static Throwable causeOf(Throwable original, Set<Throwable> seen) {
            seen.add(original);
            Throwable cause = original.getCause();
            return cause == null || seen.contains(cause) ? null : new Escaped(cause, seen);
        }

        /** The original's stack is copied in; recording this constructor's own would be wasted work. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
