package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class BadJsonTest {

    static final ObjectMapper JSON = JsonSettings.apply(new ObjectMapper());

    public record Window(Instant startsAt, Duration every, Integer count, Boolean active, List<Part> parts,
            Map<String, String> labels) {
    }

    public record Part(String name) {

        public Part {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parts: every part needs a name");
            }
        }
    }

    static BadJson read(String json) {
        return BadJson.of(catchThrowableOfType(JsonProcessingException.class, () -> JSON.readValue(json, Window.class)));
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldTheKindAndWhatCame() {
        assertThat(read("{\"starts_at\": \"tomorrow\"}")).isEqualTo(new BadJson("starts_at",
                "field 'starts_at' must be an ISO-8601 time such as 2026-05-01T08:00:00Z, got 'tomorrow'"));
        assertThat(read("{\"every\": \"often\"}").detail())
                .isEqualTo("field 'every' must be a duration such as 30s, 5m, 2h, PT5M or a number of seconds, got 'often'");
        assertThat(read("{\"count\": \"three\"}").detail()).isEqualTo("field 'count' must be a whole number, got 'three'");
        assertThat(read("{\"active\": \"yes\"}").detail()).isEqualTo("field 'active' must be true or false, got 'yes'");
        assertThat(read("{\"parts\": \"a,b\"}").detail()).isEqualTo("field 'parts' must be a list");
        assertThat(read("{\"labels\": [1]}").detail()).isEqualTo("field 'labels' must be a JSON object");
        assertThat(read("{\"parts\": [{\"name\": 1}, {\"name\": [2]}]}")).isEqualTo(new BadJson("parts[1].name",
                "field 'parts[1].name' must be a string"));
        assertThat(read("{\"starts_at\": \"" + "x".repeat(100) + "\"}").detail()).endsWith("got '" + "x".repeat(60) + "…'");
    }

    @Test
    void unknownFieldsAreNamedWithTheKnownOnes() {
        assertThat(read("{\"count\": 1, \"colour\": \"red\"}")).isEqualTo(new BadJson("colour",
                "field 'colour' is not known here; known fields: active, count, every, labels, parts, starts_at"));
    }

    @Test
    void aValuesOwnCheckSpeaksForItself() {
        assertThat(read("{\"parts\": [{\"name\": \" \"}]}").detail()).isEqualTo("parts: every part needs a name");
    }

    @Test
    void aBodyThatIsNotJsonOrNotAnObjectSaysSo() {
        assertThat(read("[1, 2]")).isEqualTo(new BadJson(null, "the body must be a JSON object"));
        assertThat(read("\"a window\"").detail()).isEqualTo("the body must be a JSON object");
        assertThat(read("{\"count\": 1,").detail())
                .startsWith("the body is not valid JSON (line 1, column 13): Unexpected end-of-input");
        assertThat(read("not json").detail())
                .startsWith("the body is not valid JSON (line 1, column 1): Unrecognized token 'not'");
        assertThat(read("{'count': 1}").detail())
                .isEqualTo("the body is not valid JSON (line 1, column 2): Unexpected character (''' (code 39)):"
                        + " was expecting double-quote to start field name");
        for (String body : List.of("{\"count\": 1,", "not json", "{'count': 1}", "[1]", "{\"x\":1}",
                "{\"labels\": {\"a\": {}}}")) {
            assertThat(read(body).detail()).doesNotContain("java.", "io.vigil", "com.fasterxml", "`", "Source");
        }
    }
}
