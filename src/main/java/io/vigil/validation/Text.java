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
 * Free text (a comment, a note, a message): at most {@code max} characters and no control character but tab and line
 * breaks. Null is valid.
 */
@Documented
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Size
@Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*")
public @interface Text {

    @OverridesAttribute(constraint = Size.class, name = "max")
    int max();

    String message() default "must be text of at most {max} characters, without control characters other than tab and line"
            + " breaks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
