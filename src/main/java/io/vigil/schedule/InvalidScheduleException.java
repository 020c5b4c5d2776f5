package io.vigil.schedule;

import io.vigil.web.InvalidFieldException;

/** A schedule that cannot be accepted, naming the field at fault. */
public class InvalidScheduleException extends InvalidFieldException {

    public InvalidScheduleException(String field, String message) {
        super(field, message);
    }
}
