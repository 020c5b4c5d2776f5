package io.vigil.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * A request body Jackson could not read, told in the API's words: the JSON field (as the client wrote it) and the kind
 * of value it takes, never a Java type ({@code field 'starts_at' must be an ISO-8601 time …, got 'tomorrow'}).
 * Jackson's own messages name classes and tokens, so they are never passed on, except a value check's own message.
 *
 * @param field the field's JSON path ({@code matchers[0].value}), or null for the body as a whole
 */
public record BadJson(String field, String detail) {

    private static final int MAX_SHOWN_VALUE = 60;
    private static final Pattern REFUSED_COERCION = Pattern.compile("^Cannot coerce [A-Za-z -]+ value \\((.*)\\) to ");
    private static final List<String> INTERNALS = List.of("java.", "javax.", "jakarta.", "io.vigil", "com.fasterxml",
            "jackson", "`", "Source: ");

    public static BadJson of(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (reason.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            // A key given twice is ambiguous: which one did the client mean?
            String field = path(parser.getParsingContext());
            return new BadJson(field, (field == null ? "a field" : "field '" + field + "'") + " is given twice");
        }
        if (reason.startsWith("Trailing token")) {
            return new BadJson(null, "the body has more after its JSON value" + where(e) + "; send one JSON value");
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return new BadJson(null, notJson(e));
        }
        String field = path(mapping.getPath());
        String subject = field == null ? "the body" : "field '" + field + "'";
        String detail;
        if (mapping instanceof PropertyBindingException unknown) {
            detail = subject + " is not known here" + known(unknown.getKnownPropertyIds());
        } else if (mapping instanceof InvalidFormatException format && format.getCause() instanceof HumanDuration.TooLong) {
            detail = subject + " " + HumanDuration.TooLong.REASON + ", got " + shown(format.getValue());
        } else if (mapping instanceof InvalidFormatException format) {
            detail = subject + " must be " + kind(format.getTargetType()) + ", got " + shown(format.getValue());
        } else if (mapping instanceof ValueInstantiationException invalid
                && invalid.getCause() instanceof IllegalArgumentException why
                && why.getMessage() != null) {
            // A value's own check (a record's constructor) speaks to users already.
            detail = why.getMessage();
        } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = subject + " must be " + kind(mismatch.getTargetType()) + got(mismatch);
        } else {
            detail = subject + " is not valid here";
        }
        if (INTERNALS.stream().anyMatch(detail::contains)) {
            detail = subject + " is not valid here";
        }
        return new BadJson(field, detail);
    }

    /** {@code the body is not valid JSON (line 1, column 9): Unexpected end-of-input …}, without Jackson's source note. */
    private static String notJson(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        for (String cut : List.of(" (start marker at", " at [Source", "[Source")) {
            int i = reason.indexOf(cut);
            if (i >= 0) {
                reason = reason.substring(0, i);
            }
        }
        boolean clean = !reason.isBlank() && INTERNALS.stream().noneMatch(reason::contains);
        return "the body is not valid JSON" + where(e) + (clean ? ": " + reason.strip() : "");
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The path of the parser's position ({@code matchers[0].name}); null at the root. */
    static String path(JsonStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                out.insert(0, (out.isEmpty() || out.charAt(0) == '[' ? "" : ".")).insert(0, c.getCurrentName());
            } else if (c.inArray()) {
                out.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]" + (out.isEmpty() || out.charAt(0) == '[' ? "" : "."));
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** {@code matchers[0].value}; null for the root. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * {@code , got '25'} for a scalar of the wrong kind (a number in a string, a fraction for a whole number), from
     * Jackson's message: the parser is closed by the time the answer is made.
     */
    private static String got(MismatchedInputException e) {
        Matcher value = REFUSED_COERCION.matcher(String.valueOf(e.getOriginalMessage()));
        if (!value.find()) {
            return "";
        }
        String raw = value.group(1);
        return ", got " + (raw.length() > 1 && raw.startsWith("\"") && raw.endsWith("\"")
                ? shown(raw.substring(1, raw.length() - 1))
                : raw.length() > MAX_SHOWN_VALUE ? raw.substring(0, MAX_SHOWN_VALUE) + "…" : raw);
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        return "; known fields: " + names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String shown(Object value) {
        if (!(value instanceof String text)) {
            return String.valueOf(value);
        }
        return "'" + (text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "…" : text) + "'";
    }

    /** The kind of JSON value a Java type is read from, as the API's documentation says it. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 time such as 2026-05-01T08:00:00Z";
        }
        if (type == LocalDateTime.class) {
            return "an ISO-8601 local time such as 2026-05-01T08:00:00";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-05-01";
        }
        if (type == Duration.class) {
            return "a duration such as 30s, 5m, 2h, PT5M or a number of seconds";
        }
        if (List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class,
                BigInteger.class).contains(type)) {
            return "a whole number";
        }
        if (List.of(double.class, Double.class, float.class, Float.class, BigDecimal.class, Number.class).contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a JSON object";
    }
}
