package io.vigil.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A time Vigil's database can hold: DATETIME2 stores the years 1 to 9999, and a time before 1970 is no time Vigil
 * ever means. An Instant goes up to the year 1,000,000,000, which the database would store as another year. Null is
 * valid.
 */
@Documented
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Constraint(validatedBy = StoredTime.Check.class)
public @interface StoredTime {

    Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    String message() default "must be within the years 1970 to 9999 (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<StoredTime, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(EARLIEST) && !value.isAfter(LATEST));
        }
    }
}
