package io.vigil.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A name, an address or an identifier: at most {@code max} characters (what its column holds), no control character
 * and no line or paragraph separator, so a NUL, an escape sequence or a line break never reaches the database, a log
 * line or a mail header. Null is valid.
 */
@Documented
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Size
@Pattern(regexp = "[^\\p{Cc}\\u2028\\u2029]*")
public @interface OneLine {

    @OverridesAttribute(constraint = Size.class, name = "max")
    int max();

    String message() default "must be one line of at most {max} characters, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
