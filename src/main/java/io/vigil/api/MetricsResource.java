package io.vigil.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vigil.hub.HistoryPoint;
import io.vigil.hub.HistoryQuery;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SeriesKey;
import io.vigil.auth.Roles;

/** The hub's latest data and history. Answers come from memory; nothing here reads a source. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** {@code /metrics/system} is the host, as the older dashboards call it. */
    private static final Map<String, String> ALIASES = Map.of("system", "host");
    private static final int MAX_POINTS = 20_000;

    private final MetricsHub hub;

    public MetricsResource(MetricsHub hub) {
        this.hub = hub;
    }

    @GET
    public Map<String, Object> all() {
        Map<String, Object> sources = new LinkedHashMap<>();
        hub.sourceNames().forEach(name -> sources.put(name, SourceView.of(hub, name)));
        return Map.of("ts", Instant.now(), "sources", sources);
    }

    @GET
    @Path("{group}")
    public SourceView group(@PathParam("group") String group) {
        String source = ALIASES.getOrDefault(group, group);
        if (!hub.hasSource(source)) {
            throw ProblemException.notFound("No source '" + group + "'; known: " + hub.sourceNames() + " (and 'system' for host)");
        }
        return SourceView.of(hub, source);
    }

    /** Points of the series matching a selector over a window ending now, averaged per step. */
    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("series") String series, @QueryParam("window") String window,
            @QueryParam("step") String step) {
        SeriesKey selector;
        try {
            selector = SeriesKey.parse(series);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("series", e.getMessage());
        }
        Duration windowLength = window == null ? Duration.ofMinutes(15) : parameter("window", window);
        Duration stepLength = step == null ? hub.history().config().resolution() : parameter("step", step);
        if (stepLength.toMillis() < 1) {
            throw ProblemException.invalid("step", "step=" + step + " is shorter than the history's 1 ms");
        }
        Duration longest = hub.history().config().rollupRetention();
        if (windowLength.compareTo(longest) > 0) {
            throw ProblemException.invalid("window", "window=" + window + " is longer than the history kept ("
                    + longest.toHours() + "h, vigil.history.rollup.retention)");
        }
        if (windowLength.toMillis() / stepLength.toMillis() > MAX_POINTS) {
            throw ProblemException.invalid("step", "window/step gives more than " + MAX_POINTS + " points; use a larger step");
        }
        List<SeriesKey> keys = hub.history().find(selector);
        if (keys.isEmpty()) {
            throw ProblemException.notFound("Unknown series '" + series + "'; known names: " + hub.history().names());
        }
        Instant now = Instant.now();
        List<Map<String, Object>> results = keys.stream().map(key -> {
            HistoryQuery.Result result = hub.history().query(key, windowLength, stepLength, now);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("series", key.toString());
            one.put("labels", key.labels());
            one.put("resolution", result.resolution());
            one.put("step", result.step());
            one.put("points", result.points().stream().map(MetricsResource::point).toList());
            return one;
        }).toList();
        return Map.of("series", selector.toString(), "window", windowLength, "step", stepLength, "results", results);
    }

    private static Duration parameter(String name, String text) {
        try {
            return HumanDuration.parse(name, text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, e.getMessage());
        }
    }

    private static Map<String, Object> point(HistoryPoint p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ts", Instant.ofEpochMilli(p.epochMs()));
        out.put("value", p.value());
        if (p.count() > 1) {
            out.put("min", p.min());
            out.put("max", p.max());
            out.put("count", p.count());
        }
        return out;
    }
}
