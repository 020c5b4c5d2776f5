package io.vigil.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How Vigil reads and writes JSON (and YAML rule files): snake_case names, ISO times, and durations as people write
 * them ({@code 5m}, {@code 30s}, {@code PT5M} or a number of seconds). The JSON of the API (and what Vigil stores of it)
 * is also read {@linkplain #strict strictly}.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        strict(apply(mapper));
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

    /**
     * JSON is read as it was written, never guessed at: a key twice, anything after the value, a number or boolean in
     * a string, a fraction for a whole number, or null for a number that cannot be absent are refused (400 naming the
     * field) instead of becoming a value nobody sent. Not for YAML rule files, where {@code port: "25"} and
     * {@code 25} are the same to people.
     */
    public static <M extends ObjectMapper> M strict(M mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    static final class LenientDuration extends StdDeserializer<Duration> {

        LenientDuration() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                double seconds = p.getDoubleValue();
                if (HumanDuration.tooLong(seconds)) {
                    throw refused(p, new HumanDuration.TooLong(p.currentName(), p.getText()), p.getText());
                }
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
            String text = p.getValueAsString();
            try {
                // Zero in any spelling, ISO's PT0S as Vigil writes it among them, so a zero it stored reads back.
                if (text != null && text.trim().matches("0+(ms|s|m|h|d)?|P(T0+(\\.0+)?[HMS]|0+D)")) {
                    return Duration.ZERO;
                }
                if (text != null && text.trim().matches("-\\d+(ms|s|m|h|d)")) {
                    return HumanDuration.parseSigned(text.trim());
                }
                return HumanDuration.parse(p.currentName(), text);
            } catch (IllegalArgumentException e) {
                throw refused(p, e, text);
            }
        }

        /** Keeps the reason as the cause, so that the answer can tell a duration too long from one unreadable. */
        private static InvalidFormatException refused(JsonParser p, IllegalArgumentException why, String text) {
            InvalidFormatException refused = InvalidFormatException.from(p, why.getMessage(), text, Duration.class);
            refused.initCause(why);
            return refused;
        }
    }
}
