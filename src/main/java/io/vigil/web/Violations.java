package io.vigil.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Bean Validation's violations told as {@link BadJson} tells Jackson's errors: the field as the client wrote it
 * ({@code matchers[0].value}, {@code labels.team}), not the Java path ({@code create.request.matchers[0].value}).
 *
 * @param field the first field at fault
 * @param detail every violation, {@code field 'created_by' must be …}
 */
record Violations(String field, String detail) {

    private static final Set<ElementKind> JAVA_ONLY = Set.of(ElementKind.METHOD, ElementKind.CONSTRUCTOR, ElementKind.PARAMETER,
            ElementKind.CROSS_PARAMETER);
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    static Violations of(Set<? extends ConstraintViolation<?>> violations) {
        List<String[]> each = violations.stream().map(v -> new String[]{ field(v.getPropertyPath()), v.getMessage() })
                .sorted(Comparator.comparing((String[] v) -> v[0]).thenComparing(v -> v[1])).toList();
        if (each.isEmpty()) {
            return new Violations(null, "the request is not valid");
        }
        String detail = each.stream().map(v -> (v[0].isEmpty() ? "the body" : "field '" + v[0] + "'") + " " + v[1])
                .distinct().collect(Collectors.joining("; "));
        String first = each.get(0)[0];
        return new Violations(first.isEmpty() ? null : first, detail);
    }

    /** The JSON path: snake_case names, {@code [i]} for list items and {@code .key} for map entries. */
    static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (JAVA_ONLY.contains(node.getKind())) {
                continue;
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    out.append(out.isEmpty() ? "" : ".").append(node.getKey());
                }
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                out.append(out.isEmpty() ? "" : ".").append(SNAKE_CASE.translate(name));
            }
        }
        return out.toString();
    }
}
