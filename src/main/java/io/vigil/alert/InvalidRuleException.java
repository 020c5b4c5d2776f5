package io.vigil.alert;

/** A rule that cannot be accepted, with the field at fault so the API can name it. */
public class InvalidRuleException extends RuntimeException {

    private final String field;

    public InvalidRuleException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
