package io.vigil.alert;

import io.vigil.web.InvalidFieldException;

/** A rule that cannot be accepted, with the field at fault so the API can name it. */
public class InvalidRuleException extends InvalidFieldException {

    public InvalidRuleException(String field, String message) {
        super(field, message);
    }
}
