package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.alert.Severity;
import io.vigil.web.BadJson;
import io.vigil.web.JsonSettings;

/**
 * The API's JSON is read as it was written: nothing guessed, nothing after the value, no key twice. What Vigil stores
 * with the same mapper still reads back, and YAML rule files keep YAML's looser scalars.
 */
class StrictJsonTest {

    record Body(Integer port, int retries, Double threshold, Boolean active, Duration delay, String name) {
    }

    static final ObjectMapper JSON = JsonSettings.strict(JsonSettings.apply(new ObjectMapper()));

    static String refusal(String json) {
        try {
            JSON.readValue(json, Body.class);
        } catch (JsonProcessingException e) {
            BadJson bad = BadJson.of(e);
            return bad.field() + ": " + bad.detail();
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void numbersAndBooleansInStringsAreRefusedNamingTheField() {
        assertThat(refusal("{\"port\":\"25\"}")).startsWith("port: ");
        assertThat(refusal("{\"threshold\":\"9.5\"}")).startsWith("threshold: ");
        assertThat(refusal("{\"active\":\"true\"}")).startsWith("active: ");
        assertThat(refusal("{\"active\":1}")).startsWith("active: ");
    }

    @Test
    void aFractionIsNotAWholeNumberAndNullIsNotZero() {
        assertThat(refusal("{\"port\":1.5}")).startsWith("port: ");
        assertThat(refusal("{\"retries\":null}")).startsWith("retries: ");
    }

    @Test
    void aKeyTwiceOrAnythingAfterTheValueIsRefused() {
        assertThat(refusal("{\"name\":\"a\",\"name\":\"b\"}")).isEqualTo("name: field 'name' is given twice");
        assertThat(refusal("{\"retries\":1} {}")).startsWith("null: the body has more after its JSON value");
        assertThat(refusal("{\"retries\":1} xyz")).startsWith("null: the body is not valid JSON");
    }

    @Test
    void aDurationLongerThanAHundredYearsIsRefused() {
        assertThat(refusal("{\"delay\":\"999999999999d\"}")).isEqualTo(
                "delay: field 'delay' is longer than 36500d (100 years), the longest Vigil takes, got '999999999999d'");
        assertThat(refusal("{\"delay\":1e300}")).startsWith("delay: field 'delay' is longer than 36500d");
        assertThat(refusal("{\"delay\":\"99999999999999999999999d\"}")).startsWith("delay: field 'delay' is longer than");
        assertThat(refusal("{\"delay\":\"PT9999999999999999999H\"}")).startsWith("delay: field 'delay' is longer than");
    }

    @Test
    void whatVigilStoresReadsBack() throws Exception {
        Instant now = Instant.parse("2026-05-01T08:00:00Z");
        Alert alert = new Alert("id", "Rule", Severity.WARNING, AlertState.FIRING, Map.of("a", "b"), Map.of(), Double.NaN, now,
                now, null, now, false, null, null, List.of("email"));
        Alert read = JSON.readValue(JSON.writeValueAsString(alert), Alert.class);
        assertThat(read.value()).isNaN();
        assertThat(read.labels()).isEqualTo(alert.labels());
        assertThat(JSON.readValue(JSON.writeValueAsString(Double.POSITIVE_INFINITY), double.class)).isInfinite();
    }

    @Test
    void yamlRuleFilesKeepTheirLooserScalars() throws Exception {
        YAMLMapper yaml = JsonSettings.apply(new YAMLMapper());
        Body body = yaml.readValue("port: \"25\"\nactive: \"true\"\n", Body.class);
        assertThat(body.port()).isEqualTo(25);
        assertThat(body.active()).isTrue();
    }
}
