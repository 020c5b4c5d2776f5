package io.vigil.source.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.vigil.hub.Sample;

/**
 * What Redis says of itself in {@code INFO}: memory, clients, operations per second, keyspace hits and misses, its
 * replication role. The fields are read by name; a server that lacks one (an older version, a managed Redis that hides
 * some) simply has no series for it.
 */
public record RedisInfo(String version, String role, long uptimeSeconds, Map<String, Double> figures) {

    /** INFO's {@code name:value} lines, by name; section headers ({@code # Memory}) and blank lines skipped. */
    static Map<String, String> fields(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon <= 0) {
                continue;
            }
            out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return out;
    }

    static RedisInfo parse(String info) {
        Map<String, String> f = fields(info);
        Map<String, Double> figures = new LinkedHashMap<>();
        number(f, "used_memory").ifPresent(v -> figures.put("used_memory_bytes", v));
        number(f, "maxmemory").ifPresent(v -> figures.put("max_memory_bytes", v));
        number(f, "connected_clients").ifPresent(v -> figures.put("connected_clients", v));
        number(f, "blocked_clients").ifPresent(v -> figures.put("blocked_clients", v));
        number(f, "instantaneous_ops_per_sec").ifPresent(v -> figures.put("ops_per_second", v));
        OptionalDouble hits = number(f, "keyspace_hits");
        OptionalDouble misses = number(f, "keyspace_misses");
        hits.ifPresent(v -> figures.put("keyspace_hits", v));
        misses.ifPresent(v -> figures.put("keyspace_misses", v));
        if (hits.isPresent() && misses.isPresent() && hits.getAsDouble() + misses.getAsDouble() > 0) {
            figures.put("keyspace_hit_ratio", hits.getAsDouble() / (hits.getAsDouble() + misses.getAsDouble()));
        }
        number(f, "connected_slaves").ifPresent(v -> figures.put("connected_replicas", v));
        number(f, "evicted_keys").ifPresent(v -> figures.put("evicted_keys", v));
        return new RedisInfo(f.get("redis_version"), f.getOrDefault("role", "unknown"),
                (long) number(f, "uptime_in_seconds").orElse(0), figures);
    }

    List<Sample> samples(Instant ts) {
        List<Sample> out = new ArrayList<>();
        out.add(Sample.of("redis.up", 1, ts));
        figures.forEach((name, value) -> out.add(Sample.of("redis." + name, value, ts)));
        out.add(Sample.of("redis.role", "role", role, 1, ts));
        return out;
    }

    private static OptionalDouble number(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
