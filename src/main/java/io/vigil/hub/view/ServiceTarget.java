package io.vigil.hub.view;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One peer service to check: an {@code http}, {@code https}, {@code tcp://host:port} or {@code tls://host:port}
 * address, how often and how long to wait, and what counts as healthy (status codes, a body or JSON condition, a
 * longest response time). Built only through {@link #of}, which says which field is wrong.
 *
 * @param headers sent with every HTTP request; their values are secrets, never shown back
 * @param expectedStatus status codes and ranges, e.g. {@code 200-299,304}
 * @param bodyContains text the body must contain, or null
 * @param jsonPath a dotted path into a JSON body ({@code $.status}, {@code checks.0.state}), or null
 * @param jsonValue what the value at {@code jsonPath} must read (its text), or null for "present and not null"
 * @param maxResponseTime a slower answer fails the check, or null
 * @param insecure whether an https certificate that is not trusted is still accepted (its expiry is read anyway)
 * @param origin where the target comes from: {@code config}, {@code api} or {@code demo}
 */
public record ServiceTarget(String name, URI url, String method, Map<String, String> headers, Duration interval,
        Duration timeout, String expectedStatus, String bodyContains, String jsonPath, String jsonValue,
        Duration maxResponseTime, boolean insecure, String origin) {

    /** A value that cannot be taken, naming the field as the API spells it. */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;

        public Invalid(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Set<String> SCHEMES = Set.of("http", "https", "tcp", "tls");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);
    private static final Duration LONGEST_INTERVAL = Duration.ofDays(1);
    private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);

    public ServiceTarget {
        headers = Map.copyOf(headers);
    }

    /**
     * A target from what someone wrote; nulls take the defaults (GET, {@code 200-299}).
     *
     * @throws Invalid naming the first field that is wrong
     */
    public static ServiceTarget of(String name, String url, String method, Map<String, String> headers, Duration interval,
            Duration timeout, String expectedStatus, String bodyContains, String jsonPath, String jsonValue,
            Duration maxResponseTime, boolean insecure, String origin) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Invalid("name", "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        URI uri = url(url);
        boolean http = uri.getScheme().startsWith("http");
        String verb = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(verb)) {
            throw new Invalid("method", "one of GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH");
        }
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k == null || !TOKEN.matcher(k).matches()) {
                    throw new Invalid("headers", "'" + k + "' is not a header name");
                }
                if (v == null || v.length() > 4096 || v.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    throw new Invalid("headers", "the value of " + k + " must be one line of at most 4096 characters");
                }
                sent.put(k, v);
            });
        }
        if (interval == null || interval.compareTo(SHORTEST_INTERVAL) < 0 || interval.compareTo(LONGEST_INTERVAL) > 0) {
            throw new Invalid("interval", "between 100ms and 1d");
        }
        if (timeout == null || timeout.compareTo(Duration.ofMillis(10)) < 0 || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
            throw new Invalid("timeout", "between 10ms and 5m");
        }
        String status = expectedStatus == null || expectedStatus.isBlank() ? "200-299" : expectedStatus.replace(" ", "");
        if (status.length() > 200) {
            throw new Invalid("expected_status", "at most 200 characters");
        }
        statusRanges(status);
        if (maxResponseTime != null && (maxResponseTime.isNegative() || maxResponseTime.isZero())) {
            throw new Invalid("max_response_time", "must be positive");
        }
        String body = blankToNull(bodyContains);
        String path = blankToNull(jsonPath);
        if (body != null && body.length() > 1000) {
            throw new Invalid("body_contains", "at most 1000 characters");
        }
        if (path != null && (path.length() > 200 || jsonSteps(path).isEmpty())) {
            throw new Invalid("json_path", "a dotted path such as $.status or checks.0.state, at most 200 characters");
        }
        if (path == null && jsonValue != null) {
            throw new Invalid("json_value", "needs a json_path");
        }
        if (jsonValue != null && jsonValue.length() > 1000) {
            throw new Invalid("json_value", "at most 1000 characters");
        }
        if (!http && (body != null || path != null || !sent.isEmpty() || expectedStatus != null)) {
            throw new Invalid("url", "a tcp:// or tls:// target has no status, headers or body to check");
        }
        return new ServiceTarget(name, uri, verb, sent, interval, timeout, status, body, path, jsonValue, maxResponseTime,
                insecure, origin);
    }

    private static URI url(String url) {
        if (url == null || url.isBlank()) {
            throw new Invalid("url", "required, e.g. http://localhost:8000/health or tcp://db:1433");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new Invalid("url", "'" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new Invalid("url", "the scheme must be http, https, tcp or tls");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Invalid("url", "'" + url + "' names no host");
        }
        if (!scheme.startsWith("http") && uri.getPort() < 0) {
            throw new Invalid("url", "a " + scheme + ":// target needs a port, e.g. " + scheme + "://db:1433");
        }
        if (url.length() > 2000) {
            throw new Invalid("url", "at most 2000 characters");
        }
        return uri;
    }

    /** Whether this is an HTTP(S) check, as opposed to a bare TCP (or TLS) connect. */
    public boolean http() {
        return url.getScheme().toLowerCase(Locale.ROOT).startsWith("http");
    }

    /** Whether the connection is TLS, so a certificate can be read. */
    public boolean tls() {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("tls");
    }

    /** The port the address names, or the scheme's default. */
    public int port() {
        return url.getPort() >= 0 ? url.getPort() : tls() ? 443 : 80;
    }

    public boolean expects(int status) {
        for (int[] range : statusRanges(expectedStatus)) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The steps of a {@link #jsonPath}: {@code $.checks.0.state} → {@code [checks, 0, state]}. */
    public static List<String> jsonSteps(String path) {
        String p = path.startsWith("$") ? path.substring(1) : path;
        p = p.startsWith(".") ? p.substring(1) : p;
        List<String> steps = new ArrayList<>();
        for (String step : p.replace("[", ".").replace("]", "").split("\\.", -1)) {
            if (step.isEmpty()) {
                return List.of();
            }
            steps.add(step);
        }
        return steps;
    }

    private static List<int[]> statusRanges(String spec) {
        List<int[]> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] ends = part.split("-", -1);
            try {
                int low = Integer.parseInt(ends[0]);
                int high = ends.length == 2 ? Integer.parseInt(ends[1]) : low;
                if (ends.length > 2 || low < 100 || high > 599 || low > high) {
                    throw new NumberFormatException();
                }
                out.add(new int[]{ low, high });
            } catch (NumberFormatException e) {
                throw new Invalid("expected_status", "codes and ranges between 100 and 599, e.g. 200-299,304");
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** What may be shown of the headers: their names. */
    public List<String> headerNames() {
        return headers.keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** The longest response time, if one is set. */
    public Optional<Duration> responseTimeLimit() {
        return Optional.ofNullable(maxResponseTime);
    }
}
