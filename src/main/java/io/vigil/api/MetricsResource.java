package io.vigil.api;

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

import io.vigil.auth.Roles;
import io.vigil.hub.HistoryPoint;
import io.vigil.hub.HistoryQuery;
import io.vigil.hub.MetricsHub;
import io.vigil.hub.SeriesKey;
import io.vigil.hub.view.HostView;
import io.vigil.web.ProblemException;

/** The hub's latest data and history. Answers come from memory; nothing here reads a source. */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** {@code /metrics/system} is the host, as the older dashboards call it. */
    private static final Map<String, String> ALIASES = Map.of("system", HostView.SOURCE);
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
            throw ProblemException
                    .notFound("No source '" + group + "'; known: " + hub.sourceNames() + " (and 'system' for host)");
        }
        return SourceView.of(hub, source);
    }

    /**
     * Points of the series matching a selector over a window ending at {@code end} (now by default) or from
     * {@code start} to {@code end}, averaged per step. The answer is bounded: a query whose series together would give
     * more than {@value #MAX_POINTS} points is refused, naming the step, rather than built.
     */
    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("series") String series, @QueryParam("window") String window,
            @QueryParam("step") String step, @QueryParam("start") String start, @QueryParam("end") String end) {
        SeriesKey selector;
        try {
            selector = SeriesKey.parse(series);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("series", e.getMessage());
        }
        Instant now = Instant.now();
        HistoryRange range = HistoryRange.of(window, step, start, end, hub.history().config(), now);
        if (range.length().toMillis() / range.step().toMillis() > MAX_POINTS) {
            throw ProblemException.invalid("step", "window/step gives more than " + MAX_POINTS + " points; use a larger step");
        }
        List<SeriesKey> keys = hub.history().find(selector);
        if (keys.isEmpty()) {
            throw ProblemException.notFound("Unknown series '" + series + "'; known names: " + hub.history().names());
        }
        long perSeries = hub.history().pointsAtMost(range.start(), range.end(), range.step(), now);
        if (perSeries * keys.size() > MAX_POINTS) {
            throw ProblemException.invalid("step", "series=" + selector + " matches " + keys.size() + " series of up to "
                    + perSeries + " points each, more than the " + MAX_POINTS + " points one answer holds; use a larger"
                    + " step, a shorter range, or label matchers that select fewer series");
        }
        List<Map<String, Object>> results = keys.stream().map(key -> {
            HistoryQuery.Result result = hub.history().query(key, range.start(), range.end(), range.step(), now);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("series", key.toString());
            one.put("labels", key.labels());
            one.put("resolution", result.resolution());
            one.put("step", result.step());
            one.put("points", result.points().stream().map(MetricsResource::point).toList());
            return one;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("series", selector.toString());
        out.put("start", range.start());
        out.put("end", range.end());
        out.put("window", range.length());
        out.put("step", range.step());
        out.put("results", results);
        return out;
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
