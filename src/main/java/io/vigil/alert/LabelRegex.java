package io.vigil.alert;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a user's label regex with RE2/J, the syntax and semantics of Prometheus and Alertmanager: matching takes
 * time linear in the label's length whatever the pattern, so a silence cannot stall the alert engine the way a
 * backtracking engine can be made to (catastrophic backtracking). RE2 has no backreferences or lookarounds; such
 * patterns are refused with a message that says so.
 */
final class LabelRegex {

    /** Longer patterns are refused: nobody writes them by hand, and each one is kept and run per alert per tick. */
    static final int MAX_LENGTH = 1_000;
    /**
     * Matching costs up to (program size x label length) steps, and counted repetitions multiply the program:
     * {@code (.{1,100}){100}} is 29 characters but some 20,000 instructions.
     */
    static final int MAX_INSTRUCTIONS = 5_000;

    private LabelRegex() {
    }

    /**
     * @return the pattern, to be matched against a whole label value ({@link Pattern#matches(String)}); as in
     *         Prometheus, {@code .} matches a newline too
     * @throws IllegalArgumentException with the reason alone, for the caller to prefix with the matcher
     */
    static Pattern compile(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the regex is " + regex.length() + " characters long, more than " + MAX_LENGTH);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(reason(regex, e) + " (RE2 syntax)");
        }
        if (pattern.programSize() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("the regex compiles to " + pattern.programSize() + " instructions, more than "
                    + MAX_INSTRUCTIONS + "; use fewer or smaller counted repetitions ({n,m})");
        }
        return pattern;
    }

    /** What RE2 found wrong, naming the two features people most often bring from Java or PCRE. */
    private static String reason(String regex, PatternSyntaxException e) {
        String at = e.getPattern() == null ? "" : e.getPattern();
        // RE2/J reports the pattern with the DOTALL flag written in front; the user did not write it.
        if (at.startsWith("(?s)")) {
            at = at.substring(4);
        }
        if (at.matches("\\\\[1-9]") || at.equals("\\k") || at.equals("(?P") && regex.contains("(?P=")) {
            return "backreferences are not supported";
        }
        if (at.startsWith("(?=") || at.startsWith("(?!") || at.startsWith("(?<=") || at.startsWith("(?<!")) {
            return "lookarounds are not supported";
        }
        return at.isEmpty() || at.equals(regex) ? e.getDescription() : e.getDescription() + " `" + at + "`";
    }
}
