package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.Endpoints;
import io.vigil.testing.Endpoints.Endpoint;
import io.vigil.testing.JsonBodies;
import io.vigil.testing.SharedServers;
import io.vigil.testing.Tokens;

/**
 * A fuzz of every change the API takes (found by reflection, so a new endpoint is fuzzed too): whole bodies that are
 * not what it takes, and each field of a valid body replaced by a wrong type, a huge or control-character string, a
 * null, deep nesting or a number or time out of range. No answer may be a 5xx, every 4xx is problem+json with a detail,
 * and afterwards every list still reads: nothing stored breaks a read.
 */
@QuarkusTest
@TestProfile(SharedServers.class)
class MutationFuzzTest {

    static final String DEEP_ARRAY = "[".repeat(3000) + "]".repeat(3000);
    static final String DEEP_OBJECT = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);

    /** Bodies that are wrong whatever the endpoint. */
    static final List<String> BODIES = List.of("", " ", "null", "[]", "[null]", "{}", "\"text\"", "1", "-1e999", "true",
            "{} xyz", "{}{}", "{} []", "{\"a\":1,\"a\":2}", "{", "}", "{\"a\"}", "\uFEFF{}", DEEP_ARRAY, DEEP_OBJECT,
            "[" + "1,".repeat(10_000) + "1]", "\"" + "x".repeat(20_000) + "\"", "{\"\u0000\":\"\u0000\"}");

    /** What each field of a valid body is replaced with, as JSON: wrong types, sizes, characters, numbers and times. */
    static final List<String> VALUES = List.of("null", "\"\"", "\"\\u0000\"", "\"a\\u0007b\\u001b[31m\"",
            "\"" + "x".repeat(9_000) + "\"", "\"" + "é𝄞".repeat(300) + "\"", "1.5", "-1", "0", "1e308",
            "123456789012345678901234567890", "\"1\"", "\"true\"", "true", "[null]", "{\"a\":{\"b\":[1]}}",
            "\"+1000000000-12-31T23:59:59Z\"", "\"999999999999d\"", DEEP_ARRAY);

    /** Fields a valid value would make do something real (send to every receiver); they are fuzzed by the bodies only. */
    static final Map<String, Set<String>> KEEP = Map.of("/api/v1/notifications/test", Set.of("receiver"));

    /** Requests at once: the answers do not depend on order, and the fuzz takes a third of the time. */
    static final int PARALLEL = 4;

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    /** One request of the fuzz. */
    record Attempt(String method, String path, String body, Map<String, String> headers) {
    }

    @Test
    void noChangeAnswersA5xxAndEveryRefusalIsAProblem() throws Exception {
        Fixtures fixtures = Fixtures.make();
        try {
            List<Attempt> attempts = new ArrayList<>();
            for (Endpoint endpoint : Endpoints.all()) {
                if (endpoint.change()) {
                    attempts.addAll(attempts(endpoint, fixtures));
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            ForkJoinPool pool = new ForkJoinPool(PARALLEL);
            List<String> wrong;
            try {
                wrong = pool.submit(() -> attempts.parallelStream().map(a -> wrongAnswer(http, a)).filter(Objects::nonNull)
                        .toList()).get();
            } finally {
                pool.shutdown();
            }
            assertThat(attempts).as("requests made").hasSizeGreaterThan(1000);
            assertThat(wrong).as("answers that are a 5xx or a refusal without a problem").isEmpty();
            for (String list : List.of("/api/v1/alert-rules", "/api/v1/silences", "/api/v1/alerts", "/api/v1/alerts/history",
                    "/api/v1/schedules", "/api/v1/executions", "/api/v1/scheduler/status", "/api/v1/contacts",
                    "/api/v1/tokens", "/api/v1/notification-settings", "/api/v1/audit", "/api/v1/status")) {
                assertThat(given().get(list).statusCode()).as("GET " + list + " after the fuzz").isEqualTo(200);
            }
        } finally {
            fixtures.clear();
        }
    }

    /** The bad bodies, then each field of a valid body set to each bad value, then each field given twice. */
    static List<Attempt> attempts(Endpoint endpoint, Fixtures fixtures) {
        String path = fixtures.path(endpoint);
        Map<String, String> headers = fixtures.headers(endpoint);
        List<Attempt> out = new ArrayList<>();
        for (String body : BODIES) {
            out.add(new Attempt(endpoint.method(), path, body, headers));
        }
        String valid = fixtures.body(endpoint);
        if (valid == null) {
            return out;
        }
        out.add(new Attempt(endpoint.method(), path, valid + " xyz", headers));
        for (String field : fields(endpoint, valid)) {
            if (KEEP.getOrDefault(endpoint.template(), Set.of()).contains(field)) {
                continue;
            }
            for (String value : VALUES) {
                out.add(new Attempt(endpoint.method(), path, JsonBodies.with(valid, field, value), headers));
            }
            out.add(new Attempt(endpoint.method(), path, valid.substring(0, valid.length() - 1) + ",\"" + field + "\":null}",
                    headers));
        }
        return out;
    }

    /** What is wrong with the answer to {@code a}, or null when it is a success or a problem with a detail. */
    private String wrongAnswer(HttpClient http, Attempt a) {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(a.path())).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.ADMIN).header("Content-Type", "application/json")
                .method(a.method(), HttpRequest.BodyPublishers.ofString(a.body(), StandardCharsets.UTF_8));
        a.headers().forEach(request::header);
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return describe(a, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return describe(a, "interrupted");
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        String detail = null;
        if (r.statusCode() >= 400 && type.startsWith("application/problem+json")) {
            try {
                detail = JSON.readTree(r.body()).path("detail").asText(null);
            } catch (IOException e) {
                detail = null;
            }
        }
        // An admin sending JSON: refused for what it sent, never for who sent it or how.
        boolean refusedAsClient = r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() == 415;
        if (r.statusCode() >= 500 || refusedAsClient || (r.statusCode() >= 400 && (detail == null || detail.isBlank()))) {
            String answer = r.body().length() > 300 ? r.body().substring(0, 300) : r.body();
            return describe(a, r.statusCode() + " " + type + " " + answer);
        }
        return null;
    }

    private static String describe(Attempt a, String answer) {
        String shown = a.body().length() > 200 ? a.body().substring(0, 200) + "…(" + a.body().length() + ")" : a.body();
        return a.method() + " " + a.path() + " " + shown + "\n    -> " + answer;
    }

    /** The JSON names of the endpoint's body: its record's components, and whatever the valid body has. */
    static Set<String> fields(Endpoint endpoint, String valid) {
        Set<String> out = new LinkedHashSet<>();
        for (Parameter p : endpoint.resourceMethod().getParameters()) {
            boolean jaxrs = false;
            for (Annotation a : p.getAnnotations()) {
                jaxrs |= a.annotationType().getPackageName().startsWith("jakarta.ws.rs");
            }
            if (!jaxrs && p.getType().isRecord()) {
                for (RecordComponent c : p.getType().getRecordComponents()) {
                    JsonProperty named = c.getAnnotation(JsonProperty.class);
                    out.add(named != null
                            ? named.value()
                            : new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()));
                }
            }
        }
        var matcher = java.util.regex.Pattern.compile("\"([a-z_]+)\":").matcher(valid);
        while (matcher.find()) {
            out.add(matcher.group(1));
        }
        return out;
    }

    /** A rule, a contact and a schedule to change, and what was there before, so the fuzz leaves nothing behind. */
    static final class Fixtures {

        static final String RULE = "{\"name\":\"FuzzRule\",\"series\":\"fuzz.nothing\",\"op\":\">\",\"threshold\":1,"
                + "\"severity\":\"info\",\"labels\":{\"team\":\"fuzz\"},\"annotations\":{\"summary\":\"s\"},"
                + "\"receivers\":[\"email\"],\"enabled\":false,\"for\":\"1m\",\"keep_firing_for\":\"1m\"}";
        static final String SCHEDULE = "{\"name\":\"Fuzz schedule\",\"experiment_path\":\"fuzz.med\",\"schedule_type\":\"interval\","
                + "\"interval_hours\":1,\"cron\":null,\"start_at\":\"2999-01-01T00:00:00Z\",\"retry\":{\"max_retries\":1,"
                + "\"retry_delay\":\"1m\",\"backoff\":\"fixed\"},\"expected_duration\":\"1h\",\"active\":false}";
        static final String CONTACT = "{\"name\":\"Fuzz\",\"email\":\"fuzz@lab.test\",\"min_severity\":\"info\"}";

        final Set<String> rules = new HashSet<>();
        final Set<String> schedules = new HashSet<>();
        final Set<String> contacts = new HashSet<>();
        final Set<String> tokens = new HashSet<>();
        final Set<String> silences = new HashSet<>();
        boolean smtpFromConfiguration;
        String rule;
        String schedule;
        String contact;

        static Fixtures make() {
            Fixtures f = new Fixtures();
            f.rules.addAll(given().get("/api/v1/alert-rules").path("rule.name"));
            f.schedules.addAll(given().get("/api/v1/schedules").path("id"));
            f.contacts.addAll(given().get("/api/v1/contacts").path("id"));
            f.tokens.addAll(given().get("/api/v1/tokens").path("id"));
            f.silences.addAll(given().get("/api/v1/silences").path("silence.id"));
            f.smtpFromConfiguration = "configuration".equals(given().get("/api/v1/notification-settings").path("source"));
            f.rule = given().contentType("application/json").body(RULE.replace("FuzzRule", "FuzzTarget"))
                    .post("/api/v1/alert-rules").then().statusCode(201).extract().path("rule.name");
            f.schedule = given().contentType("application/json").body(SCHEDULE.replace("Fuzz schedule", "Fuzz target"))
                    .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
            f.contact = given().contentType("application/json").body(CONTACT.replace("fuzz@", "fuzz-target@"))
                    .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
            return f;
        }

        /** Real ids where a change of an existing thing takes a body; {@code x1} (none such) where it would act. */
        String path(Endpoint e) {
            String t = e.template();
            return switch (e.method() + " " + t) {
                case "PUT /api/v1/alert-rules/{name}" -> t.replace("{name}", rule);
                case "PUT /api/v1/schedules/{id}", "POST /api/v1/schedules/{id}/recovery" -> t.replace("{id}", schedule);
                case "PUT /api/v1/contacts/{id}" -> t.replace("{id}", contact);
                default -> e.path();
            };
        }

        Map<String, String> headers(Endpoint e) {
            Map<String, String> out = new LinkedHashMap<>();
            if (e.template().equals("/api/v1/schedules/{id}") && e.method().equals("PUT")) {
                out.put("If-Match", "\"" + given().get("/api/v1/schedules/" + schedule).path("version") + "\"");
            }
            return out;
        }

        /** A body the endpoint accepts, or null where it takes none. */
        String body(Endpoint e) {
            return switch (e.method() + " " + e.template()) {
                case "POST /api/v1/alert-rules" -> RULE;
                case "PUT /api/v1/alert-rules/{name}" -> RULE.replace("FuzzRule", rule);
                case "POST /api/v1/silences" ->
                    "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"FuzzOnly\",\"is_regex\":false,"
                            + "\"is_equal\":true}],\"starts_at\":\"" + Instant.now() + "\",\"ends_at\":\""
                            + Instant.now().plus(Duration.ofMinutes(10)) + "\",\"created_by\":\"fuzz\",\"comment\":\"fuzz\"}";
                case "POST /api/v1/alerts/{id}/ack" -> "{\"by\":\"fuzz\",\"note\":\"fuzz\"}";
                case "POST /api/v1/schedules" -> SCHEDULE;
                case "PUT /api/v1/schedules/{id}" -> SCHEDULE.replace("Fuzz schedule", "Fuzz target");
                case "POST /api/v1/schedules/{id}/recovery" -> "{\"action\":\"mark\",\"actor\":\"fuzz\",\"note\":\"fuzz\"}";
                case "POST /api/v1/contacts" -> CONTACT;
                case "PUT /api/v1/contacts/{id}" -> CONTACT.replace("fuzz@", "fuzz-target@");
                case "PUT /api/v1/notification-settings" -> "{\"host\":\"smtp.fuzz.test\",\"port\":25,\"tls\":\"none\","
                        + "\"from\":\"vigil@lab.test\",\"username\":\"fuzz\"}";
                case "POST /api/v1/notifications/test" -> "{\"receiver\":\"fuzz-nobody\",\"message\":\"fuzz\"}";
                case "POST /api/v1/tokens" -> "{\"name\":\"fuzz\",\"role\":\"viewer\",\"expires_at\":null,\"expires_in_days\":1}";
                default -> null;
            };
        }

        /** Removes what the fuzz made, and the stored SMTP settings if there were none. */
        void clear() {
            for (String name : given().get("/api/v1/alert-rules").<List<String>>path("rule.name")) {
                if (!rules.contains(name)) {
                    given().delete("/api/v1/alert-rules/" + name);
                }
            }
            for (String id : given().get("/api/v1/schedules").<List<String>>path("id")) {
                if (!schedules.contains(id)) {
                    given().delete("/api/v1/schedules/" + id);
                }
            }
            for (String id : given().get("/api/v1/contacts").<List<String>>path("id")) {
                if (!contacts.contains(id)) {
                    given().delete("/api/v1/contacts/" + id);
                }
            }
            for (String id : given().get("/api/v1/tokens").<List<String>>path("id")) {
                if (!tokens.contains(id)) {
                    given().delete("/api/v1/tokens/" + id);
                }
            }
            for (String id : given().get("/api/v1/silences").<List<String>>path("silence.id")) {
                if (!silences.contains(id)) {
                    given().delete("/api/v1/silences/" + id);
                }
            }
            if (smtpFromConfiguration) {
                given().delete("/api/v1/notification-settings");
            }
        }
    }
}
