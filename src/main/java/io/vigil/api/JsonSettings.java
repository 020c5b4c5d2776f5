package io.vigil.api;

import java.io.IOException;
import java.time.Duration;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How Vigil reads and writes JSON (and YAML rule files): snake_case names, ISO times, and durations as people write
 * them ({@code 5m}, {@code 30s}, {@code PT5M} or a number of seconds).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    public static <M extends ObjectMapper> M apply(M mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new SimpleModule("vigil-durations").addDeserializer(Duration.class, new LenientDuration()));
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    static final class LenientDuration extends StdDeserializer<Duration> {
        LenientDuration() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return Duration.ofMillis(Math.round(p.getDoubleValue() * 1000));
            }
            String text = p.getValueAsString();
            // Zero as people write it, and as Vigil writes it back (PT0S): for: 0s fires at once, as in Prometheus.
            if (text != null && text.trim().matches("0+(ms|s|m|h|d)?|P(T0+(\\.0+)?[HMS]|0+D)")) {
                return Duration.ZERO;
            }
            if (text != null && text.trim().matches("-\\d+(ms|s|m|h|d)")) {
                return HumanDuration.parseSigned(text.trim());
            }
            try {
                return HumanDuration.parse(p.currentName(), text);
            } catch (IllegalArgumentException e) {
                throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
    }
}
