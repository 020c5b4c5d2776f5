package io.vigil.store;

/**
 * Fits text into a column of bounded width. Which end to keep is the caller's choice, made per column: a message or
 * a name keeps its beginning, where it says what happened; a process' output keeps its end, where it stopped.
 */
public final class Truncate {

    private Truncate() {
    }

    /** The first {@code max} characters; null stays null. */
    public static String keepingHead(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** The last {@code max} characters; null stays null. */
    public static String keepingTail(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(text.length() - max);
    }
}
