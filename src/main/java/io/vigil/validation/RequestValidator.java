package io.vigil.validation;

import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import io.vigil.lifecycle.Started;

/**
 * Checks a request body against the Bean Validation annotations on its record ({@link OneLine}, {@link Text},
 * {@link StoredTime}, {@code @Size}, ...); a violation leaves as a 400 problem naming the field.
 * <p>
 * Hibernate Validator is built after Vigil is ready, last in the background start, instead of before it: built in
 * Quarkus' static init (its extension reads every constrained class there) it was half a second of a cold JVM's way to
 * ready, a sixth of it, for checks that no probe and no dashboard needs. A request that arrives before then builds it
 * itself. Messages take only {@code {attribute}} parameters, so no expression language is needed.
 */
@ApplicationScoped
public class RequestValidator {

    private ValidatorFactory factory;
    private volatile Validator validator;

    /** The body as it came, once its record's constraints hold; null (no body) passes, as with {@code @Valid}. */
    public <T> T check(T body) {
        Set<ConstraintViolation<T>> violations = violations(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }

    /** What is wrong with the body; empty when nothing is or when there is no body. */
    public <T> Set<ConstraintViolation<T>> violations(T body) {
        return body == null ? Set.of() : validator().validate(body);
    }

    void build(@Observes @Priority(Integer.MAX_VALUE) Started event) {
        validator();
    }

    Validator validator() {
        Validator built = validator;
        if (built == null) {
            synchronized (this) {
                if (validator == null) {
                    factory = Validation.byProvider(HibernateValidator.class).configure()
                            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
                    validator = factory.getValidator();
                }
                built = validator;
            }
        }
        return built;
    }

    @PreDestroy
    synchronized void close() {
        if (factory != null) {
            factory.close();
        }
    }
}
