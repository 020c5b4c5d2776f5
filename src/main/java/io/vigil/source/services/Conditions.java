package io.vigil.source.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.hub.view.ServiceTarget;

/** Whether an HTTP answer satisfies a target's conditions: its status, body, JSON value and response time. */
final class Conditions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Conditions() {
    }

    /** @return why the answer fails the target, or null when it passes */
    static String failure(ServiceTarget target, int status, byte[] body, Duration responseTime) {
        if (!target.expects(status)) {
            return "status " + status + ", expected " + target.expectedStatus();
        }
        if (target.bodyContains() != null && !new String(body, StandardCharsets.UTF_8).contains(target.bodyContains())) {
            return "the body does not contain '" + target.bodyContains() + "'";
        }
        if (target.jsonPath() != null) {
            String problem = json(target, body);
            if (problem != null) {
                return problem;
            }
        }
        if (target.maxResponseTime() != null && responseTime.compareTo(target.maxResponseTime()) > 0) {
            return "answered in " + responseTime.toMillis() + " ms, more than the "
                    + ServiceChecker.human(target.maxResponseTime())
                    + " allowed";
        }
        return null;
    }

    private static String json(ServiceTarget target, byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return "the body is not JSON";
        }
        for (String step : ServiceTarget.jsonSteps(target.jsonPath())) {
            node = node == null
                    ? null
                    : node.isArray() && step.length() < 9 && step.chars().allMatch(Character::isDigit)
                            ? node.get(Integer.parseInt(step))
                            : node.get(step);
        }
        if (node == null || node.isNull()) {
            return target.jsonPath() + " is missing";
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        if (target.jsonValue() != null && !target.jsonValue().equals(text)) {
            return target.jsonPath() + " is '" + text + "', expected '" + target.jsonValue() + "'";
        }
        return null;
    }
}
