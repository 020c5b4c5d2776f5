package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.hub.view.SavedAction;

class PayloadParserTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final PayloadParser parser = new PayloadParser(new ObjectMapper(), 512);

    @Test
    void aResultWithIsoTimestamps() throws MessageRejected {
        PipelineResult r = parser.result(bytes("{\"pipeline\":\"face\",\"request_id\":\"r-1\",\"status\":\"success\","
                + "\"ingest_ts\":\"2026-03-01T12:00:00Z\",\"processed_ts\":\"2026-03-01T12:00:00.850Z\",\"client_id\":\"c-9\"}"));
        assertThat(r.pipeline()).isEqualTo("face");
        assertThat(r.requestId()).isEqualTo("r-1");
        assertThat(r.success()).isTrue();
        assertThat(r.clientId()).isEqualTo("c-9");
        assertThat(r.error()).isNull();
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(850));
    }

    @Test
    void anErrorResultWithEpochMilliseconds() throws MessageRejected {
        PipelineResult r = parser.result(bytes("{\"pipeline\":\"phone\",\"request_id\":42,\"status\":\"ERROR\","
                + "\"ingest_ts\":1772366400000,\"processed_ts\":\"1772366401500\",\"error\":\"timeout\"}"));
        assertThat(r.success()).isFalse();
        assertThat(r.requestId()).isEqualTo("42");
        assertThat(r.error()).isEqualTo("timeout");
        assertThat(r.ingestTs()).isEqualTo(NOW);
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"2026-03-01T12:00:00Z\"              | 2026-03-01T12:00:00Z",
            "\"2026-03-01T13:00:00+01:00\"         | 2026-03-01T12:00:00Z",
            "\"2026-03-01T12:00:00.123456\"        | 2026-03-01T12:00:00.123456Z",
            "\"2026-03-01 12:00:00.5\"             | 2026-03-01T12:00:00.500Z",
            "1772366400000                       | 2026-03-01T12:00:00Z",
            "1772366400000.25                    | 2026-03-01T12:00:00.000250Z",
            "1772366400.5                        | 2026-03-01T12:00:00.500Z",
            "\"1772366400000\"                     | 2026-03-01T12:00:00Z" })
    void timestampsInEveryAcceptedForm(String json, String expected) throws MessageRejected {
        assertThat(PayloadParser.timestamp(tree("{\"ts\":" + json + "}"), "ts")).isEqualTo(Instant.parse(expected));
    }

    /** The RFC 3339 fast path gives what java.time's ISO-8601 parsing gives, and rejects what it rejects. */
    @ParameterizedTest
    @ValueSource(strings = { "2026-03-01T12:00:00.145278588Z", "2026-03-01t12:00:00z", "2026-03-01T12:00:00-05:30",
            "2026-03-01T12:00:00.1+14:00", "2026-03-01T12:00Z", "2026-03-01T12:00:60Z", "2026-02-30T12:00:00Z",
            "2026-03-01T24:00:00Z", "2026-03-01T12:00:00.Z", "2026-03-01T12:00:00+0100", "2026-03-01T12:00:00+01",
            "2026-3-1T12:00:00Z", "2026-03-01T12:00:00.1234567891Z", "2026-03-01T12:00:00Z ", "0001-01-01T00:00:00Z",
            "2026-03-01T12:00:00-00:00", "2026-03-01T12:00:00+25:00", "2026-03-01T12:00:00", "2026-03-01",
            "2026-03-01T12:00:00+01x30", "2026-03-01T12:00:00+01300", "2026-03-01T12:00:00+01:3", "2026-03-01T12:00:00+1:30",
            "2026-03-01T12:00:00.5+01:30:00", "2026-03-01T12:00:00Zx" })
    void isoTimestampsReadAsJavaTimeReadsThem(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                expected = LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                expected = null;
            }
        }
        JsonNode node = tree("{\"ts\":\"" + text + "\"}");
        if (expected == null) {
            assertThatThrownBy(() -> PayloadParser.timestamp(node, "ts")).isInstanceOf(MessageRejected.class);
        } else if (expected.isBefore(Instant.EPOCH)) {
            assertThatThrownBy(() -> PayloadParser.timestamp(node, "ts")).isInstanceOfSatisfying(MessageRejected.class,
                    e -> assertThat(e.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_RANGE));
        } else {
            Instant parsed;
            try {
                parsed = PayloadParser.timestamp(node, "ts");
            } catch (MessageRejected e) {
                throw new AssertionError(text + " rejected, java.time reads " + expected, e);
            }
            assertThat(parsed).as(text).isEqualTo(expected);
        }
    }

    @Test
    void aNegativeSpanCountsAsZeroLatency() throws MessageRejected {
        PipelineResult r = parser.result(bytes("{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\","
                + "\"ingest_ts\":\"2026-03-01T12:00:01Z\",\"processed_ts\":\"2026-03-01T12:00:00Z\"}"));
        assertThat(r.latency()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all                                                                   | NOT_JSON",
            "''                                                                                | NOT_JSON",
            "{\"pipeline\":                                                                    | NOT_JSON",
            "[1,2]                                                                             | WRONG_TYPE",
            "\"a string\"                                                                      | WRONG_TYPE",
            "{\"pipeline\":\"face\",\"status\":\"success\",\"ingest_ts\":1,\"processed_ts\":1} | MISSING_FIELD",
            "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\",\"ingest_ts\":\"2026-03-01T12:00:00Z\"} | MISSING_FIELD",
            "{\"pipeline\":\"\",\"request_id\":\"r\",\"status\":\"success\",\"ingest_ts\":1,\"processed_ts\":1} | MISSING_FIELD",
            "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":true,\"ingest_ts\":1772366400000,\"processed_ts\":1772366400000} | WRONG_TYPE",
            "{\"pipeline\":[\"face\"],\"request_id\":\"r\",\"status\":\"success\",\"ingest_ts\":1772366400000,\"processed_ts\":1772366400000} | WRONG_TYPE",
            "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"pending\",\"ingest_ts\":1772366400000,\"processed_ts\":1772366400000} | BAD_VALUE",
            "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\",\"ingest_ts\":\"tuesday\",\"processed_ts\":1772366400000} | BAD_TIMESTAMP",
            "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\",\"ingest_ts\":-5,\"processed_ts\":1772366400000} | BAD_TIMESTAMP",
            "{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\",\"ingest_ts\":true,\"processed_ts\":1772366400000} | WRONG_TYPE" })
    void resultsThatAreRejected(String body, RejectReason reason) {
        assertThatThrownBy(() -> parser.result(bytes(body)))
                .isInstanceOfSatisfying(MessageRejected.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageNotContaining("Exception");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"1969-12-31T23:59:59Z\"",
            "100000000000000000000",
            "\"99999999999999999999\"",
            "1e30" })
    void timestampsOutsideWhatACalendarHoldsAreRejectedForThat(String ingest) {
        assertThatThrownBy(() -> parser.result(bytes("{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\","
                + "\"ingest_ts\":" + ingest + ",\"processed_ts\":\"2026-03-01T12:00:00Z\"}")))
                .isInstanceOfSatisfying(MessageRejected.class,
                        e -> assertThat(e.reason().label()).isEqualTo("timestamp_out_of_range"))
                .hasMessageContaining("ingest_ts");
        assertThatThrownBy(() -> parser.gatewayEvent(bytes("{\"gateway_id\":\"gw-1\",\"event\":\"heartbeat\",\"ts\":"
                + ingest + "}"), NOW))
                .isInstanceOfSatisfying(MessageRejected.class,
                        e -> assertThat(e.reason().label()).isEqualTo("timestamp_out_of_range"));
    }

    @Test
    void theWidestTimestampsAcceptedStillGiveALatency() throws MessageRejected {
        PipelineResult r = parser.result(bytes("{\"pipeline\":\"face\",\"request_id\":\"r\",\"status\":\"success\","
                + "\"ingest_ts\":\"1970-01-01T00:00:00Z\",\"processed_ts\":\"9999-12-31T23:59:59Z\"}"));
        assertThat(r.latency()).isPositive();
    }

    @Test
    void aBodyOverTheLimitIsRejectedUnread() {
        byte[] big = ("{\"pipeline\":\"" + "x".repeat(600) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.result(big))
                .isInstanceOfSatisfying(MessageRejected.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE))
                .hasMessageContaining("512");
    }

    @Test
    void gatewayEvents() throws MessageRejected {
        GatewayEvent connect = parser.gatewayEvent(bytes("{\"gateway_id\":\"gw-1\",\"event\":\"connect\",\"client_id\":\"c-1\","
                + "\"ts\":\"2026-03-01T11:59:00Z\"}"), NOW);
        assertThat(connect).isEqualTo(new GatewayEvent("gw-1", GatewayEvent.Kind.CONNECT, "c-1", NOW.minusSeconds(60)));
        GatewayEvent heartbeat = parser.gatewayEvent(bytes("{\"gateway_id\":\"gw-1\",\"event\":\"heartbeat\"}"), NOW);
        assertThat(heartbeat).isEqualTo(new GatewayEvent("gw-1", GatewayEvent.Kind.HEARTBEAT, null, NOW));
        assertRejected(() -> parser.gatewayEvent(bytes("{\"gateway_id\":\"gw-1\",\"event\":\"disconnect\"}"), NOW),
                RejectReason.MISSING_FIELD);
        assertRejected(() -> parser.gatewayEvent(bytes("{\"gateway_id\":\"gw-1\",\"event\":\"reboot\"}"), NOW),
                RejectReason.BAD_VALUE);
    }

    @Test
    void savedActions() throws MessageRejected {
        SavedAction a = parser.savedAction(bytes("{\"action\":\"Block\",\"client_id\":\"c-1\",\"actor\":\"ops\","
                + "\"outcome\":\"applied\",\"ts\":1772366400000}"), NOW.plusSeconds(1));
        assertThat(a).isEqualTo(new SavedAction("block", "c-1", "ops", "applied", NOW, NOW.plusSeconds(1)));
        SavedAction bare = parser.savedAction(bytes("{\"action\":\"resume\",\"client_id\":\"c-2\"}"), NOW);
        assertThat(bare.ts()).isEqualTo(NOW);
        assertThat(bare.outcome()).isNull();
        assertRejected(() -> parser.savedAction(bytes("{\"action\":\"delete\",\"client_id\":\"c-1\"}"), NOW),
                RejectReason.BAD_VALUE);
        assertRejected(() -> parser.savedAction(bytes("{\"action\":\"pause\"}"), NOW), RejectReason.MISSING_FIELD);
    }

    private interface Parse {

        Object run() throws MessageRejected;
    }

    private static void assertRejected(Parse parse, RejectReason reason) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(MessageRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
