package io.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.vigil.alert.AlertsResource;
import io.vigil.alert.SilencesResource;

/** Request bodies checked against their records' annotations, by a validator built outside Quarkus' start. */
class RequestValidatorTest {

    private static final RequestValidator requests = new RequestValidator();

    @AfterAll
    static void close() {
        requests.close();
    }

    @Test
    void aViolationNamesTheFieldAndTheLimit() {
        assertThatThrownBy(() -> requests.check(new AlertsResource.AckRequest("alice\nbob", null)))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(e.getConstraintViolations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.getPropertyPath()).hasToString("by");
                            assertThat(v.getMessage()).isEqualTo(
                                    "must be one line of at most 200 characters, without control characters");
                        }));
    }

    @Test
    void aValidBodyAndNoBodyPass() {
        AlertsResource.AckRequest fine = new AlertsResource.AckRequest("alice", "on it\nback at 10");
        assertThat(requests.check(fine)).isSameAs(fine);
        assertThat(requests.check((Object) null)).isNull();
        assertThat(requests.violations(null)).isEmpty();
    }

    @Test
    void nestedRecordsAreCheckedToo() {
        assertThatThrownBy(() -> requests.check(new SilencesResource.SilenceRequest(
                List.of(new io.vigil.alert.Matcher("alertname", "x".repeat(1001), false, true)), null, null, "alice", null)))
                .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(e.getConstraintViolations())
                        .singleElement().satisfies(v -> assertThat(v.getPropertyPath()).hasToString("matchers[0].value")));
    }

    /**
     * Without Quarkus' extension {@code @Valid} on a resource's parameter checks nothing: every method that takes a body
     * whose record carries constraints must hand it to {@link RequestValidator#check}.
     */
    @Test
    void everyResourceMethodChecksABodyThatCarriesConstraints() {
        JavaClasses vigil = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vigil");
        List<String> unchecked = new ArrayList<>();
        int constrained = 0;
        for (JavaClass c : vigil) {
            for (JavaMethod m : c.getMethods()) {
                if (!m.isAnnotatedWith(POST.class) && !m.isAnnotatedWith(PUT.class) && !m.isAnnotatedWith(PATCH.class)
                        && !m.isAnnotatedWith(DELETE.class)) {
                    continue;
                }
                boolean takesConstrainedBody = m.getRawParameterTypes().stream()
                        .anyMatch(t -> !t.isPrimitive() && t.getPackageName().startsWith("io.vigil")
                                && requests.validator().getConstraintsForClass(t.reflect()).isBeanConstrained());
                if (!takesConstrainedBody) {
                    continue;
                }
                constrained++;
                boolean checks = m.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isEquivalentTo(RequestValidator.class)
                                && call.getName().equals("check"));
                if (!checks) {
                    unchecked.add(m.getFullName());
                }
            }
        }
        assertThat(constrained).as("resource methods taking a constrained body").isGreaterThanOrEqualTo(14);
        assertThat(unchecked).as("resource methods that take a constrained body and do not check it").isEmpty();
    }
}
