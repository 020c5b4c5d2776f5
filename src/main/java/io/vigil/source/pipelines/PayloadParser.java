package io.vigil.source.pipelines;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.hub.view.SavedAction;

/**
 * Turns message bodies into records, or says why it cannot. Timestamps may be ISO-8601 (with {@code Z}, an offset,
 * or none, which is read as UTC, as Python's {@code datetime.utcnow().isoformat()} writes them) or epoch milliseconds
 * as a number or a string of digits; numbers below 10^11 are taken as epoch seconds (a millisecond value that small
 * would be in 1973).
 */
public final class PayloadParser {

    private static final long SECONDS_BELOW = 100_000_000_000L;
    /** Times a producer's clock can have written, as the databases Vigil writes to store them. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Compiled once: String.matches would compile it again for every message. */
    private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?");

    private final ObjectMapper json;
    private final int maxBytes;

    public PayloadParser(ObjectMapper json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    public PipelineResult result(byte[] body) throws MessageRejected {
        JsonNode m = object(body);
        String status = text(m, "status").toLowerCase(Locale.ROOT);
        if (!status.equals("success") && !status.equals("error")) {
            throw new MessageRejected(RejectReason.BAD_VALUE, "status must be success or error, got '" + status + "'");
        }
        return new PipelineResult(text(m, "pipeline"), text(m, "request_id"), status.equals("success"),
                timestamp(m, "ingest_ts"), timestamp(m, "processed_ts"), optionalText(m, "client_id"),
                optionalText(m, "error"));
    }

    public GatewayEvent gatewayEvent(byte[] body, Instant receivedAt) throws MessageRejected {
        JsonNode m = object(body);
        String gateway = text(m, "gateway_id");
        String eventText = text(m, "event");
        GatewayEvent.Kind kind;
        try {
            kind = GatewayEvent.Kind.parse(eventText);
        } catch (IllegalArgumentException e) {
            throw new MessageRejected(RejectReason.BAD_VALUE, "event must be heartbeat, connect or disconnect, got '"
                    + eventText + "'");
        }
        String client = kind == GatewayEvent.Kind.HEARTBEAT ? optionalText(m, "client_id") : text(m, "client_id");
        Instant ts = present(m, "ts") ? timestamp(m, "ts") : receivedAt;
        return new GatewayEvent(gateway, kind, client, ts);
    }

    public SavedAction savedAction(byte[] body, Instant receivedAt) throws MessageRejected {
        JsonNode m = object(body);
        String action = text(m, "action").toLowerCase(Locale.ROOT);
        if (!SavedAction.ACTIONS.contains(action)) {
            throw new MessageRejected(RejectReason.BAD_VALUE, "action must be one of " + SavedAction.ACTIONS + ", got '"
                    + action + "'");
        }
        Instant ts = present(m, "ts") ? timestamp(m, "ts") : receivedAt;
        return new SavedAction(action, text(m, "client_id"), optionalText(m, "actor"), optionalText(m, "outcome"), ts,
                receivedAt);
    }

    private JsonNode object(byte[] body) throws MessageRejected {
        if (body.length > maxBytes) {
            throw new MessageRejected(RejectReason.TOO_LARGE, body.length + " bytes, more than the " + maxBytes + " allowed");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MessageRejected(RejectReason.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MessageRejected(RejectReason.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new MessageRejected(RejectReason.NOT_JSON, "empty body");
        }
        if (!node.isObject()) {
            throw new MessageRejected(RejectReason.WRONG_TYPE, "a JSON object was expected, got " + node.getNodeType());
        }
        return node;
    }

    private static boolean present(JsonNode m, String field) {
        JsonNode v = m.get(field);
        return v != null && !v.isNull();
    }

    private static String text(JsonNode m, String field) throws MessageRejected {
        if (!present(m, field)) {
            throw new MessageRejected(RejectReason.MISSING_FIELD, "'" + field + "' is missing");
        }
        String value = optionalText(m, field);
        if (value.isBlank()) {
            throw new MessageRejected(RejectReason.MISSING_FIELD, "'" + field + "' is empty");
        }
        return value;
    }

    /** A string field, or null when absent; numbers are accepted as their text (ids are often numeric). */
    private static String optionalText(JsonNode m, String field) throws MessageRejected {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        throw new MessageRejected(RejectReason.WRONG_TYPE, "'" + field + "' must be a string, got " + v.getNodeType());
    }

    static Instant timestamp(JsonNode m, String field) throws MessageRejected {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            throw new MessageRejected(RejectReason.MISSING_FIELD, "'" + field + "' is missing");
        }
        if (v.isNumber()) {
            return epoch(v.decimalValue(), field);
        }
        if (!v.isTextual()) {
            throw new MessageRejected(RejectReason.WRONG_TYPE, "'" + field + "' must be ISO-8601 text or epoch milliseconds, got "
                    + v.getNodeType());
        }
        String text = v.textValue().trim();
        if (EPOCH.matcher(text).matches()) {
            return epoch(new BigDecimal(text), field);
        }
        return inRange(iso(text, field), field, text);
    }

    private static Instant inRange(Instant ts, String field, Object written) throws MessageRejected {
        if (ts.isBefore(EARLIEST) || ts.isAfter(LATEST)) {
            throw new MessageRejected(RejectReason.TIMESTAMP_OUT_OF_RANGE, "'" + field + "' is outside 1970-9999: "
                    + abbreviated(String.valueOf(written)));
        }
        return ts;
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static Instant epoch(BigDecimal value, String field) throws MessageRejected {
        if (value.signum() <= 0) {
            throw new MessageRejected(RejectReason.BAD_TIMESTAMP, "'" + field + "' is not a time: " + value);
        }
        BigDecimal ms = value.compareTo(BigDecimal.valueOf(SECONDS_BELOW)) < 0 ? value.movePointRight(3) : value;
        Instant ts;
        try {
            long micros = ms.movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
            ts = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        } catch (ArithmeticException | DateTimeException e) {
            throw new MessageRejected(RejectReason.TIMESTAMP_OUT_OF_RANGE, "'" + field + "' is outside 1970-9999: "
                    + abbreviated(value.toString()));
        }
        return inRange(ts, field, value);
    }

    /**
     * Ends in Z or in an offset written ±hh:mm: the only forms the fast path is given, as ITU reads any character
     * for the colon of an offset (+01x30) and the first four digits of a longer one (+01300 as +01:30).
     */
    private static boolean rfc3339Offset(String t) {
        int n = t.length();
        if (n < 20) {
            return false;
        }
        char last = t.charAt(n - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        char sign = t.charAt(n - 6);
        return (sign == '+' || sign == '-') && t.charAt(n - 3) == ':';
    }

    private static Instant iso(String text, String field) throws MessageRejected {
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        if (rfc3339Offset(t)) {
            try {
                // RFC 3339, what producers write nearly always, through a parser made for it; anything else
                // ISO-8601 allows (no offset, a zone-less local time) through java.time below.
                return ITU.parseDateTime(t).toInstant();
            } catch (RuntimeException notRfc3339) {
                // ITU says so with a DateTimeException; whatever it throws, the general path below decides
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                throw new MessageRejected(RejectReason.BAD_TIMESTAMP, "'" + field + "' is neither ISO-8601 nor epoch"
                        + " milliseconds: '" + abbreviated(text) + "'");
            }
        }
    }
}
