package io.vigil.alert;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.vigil.web.JsonSettings;

/**
 * A YAML file of rules, as Prometheus writes them: {@code rules:} followed by a list of rules with the same fields as
 * the REST API ({@code name, series, op, threshold, for, keep_firing_for, severity, labels, annotations, receivers}
 * or {@code event} and {@code source} for event rules).
 */
public final class RulesFile {

    private static final YAMLMapper YAML = JsonSettings.apply(new YAMLMapper());

    record Content(List<AlertRule> rules) {
    }

    private RulesFile() {
    }

    public static List<AlertRule> read(InputStream in, String where) throws IOException {
        Content content;
        try {
            content = YAML.readValue(in, Content.class);
        } catch (JsonMappingException e) {
            throw new IOException(where + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
        }
        if (content == null || content.rules() == null) {
            return List.of();
        }
        for (AlertRule rule : content.rules()) {
            try {
                rule.validate();
            } catch (InvalidRuleException e) {
                throw new IOException(where + ": rule " + rule.name() + ": " + e.getMessage(), e);
            }
        }
        return content.rules();
    }
}
