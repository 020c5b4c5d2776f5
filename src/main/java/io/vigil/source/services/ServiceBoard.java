package io.vigil.source.services;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.hub.Sample;
import io.vigil.hub.SourceUpdate;
import io.vigil.hub.StreamEvent;
import io.vigil.hub.view.ServiceTarget;
import io.vigil.hub.view.ServicesView;

/**
 * The services source's state, owned by one subscription of its stream: per target its health (with hysteresis), its
 * response-time window, its last result and when it is next due. Time is passed in. Checks report from worker
 * threads while the source reports on its ticks, hence the one lock.
 */
final class ServiceBoard {

    static final String SOURCE = ServicesView.SOURCE;
    static final String STATUS_CHANGE = "STATUS_CHANGE";
    static final String NOT_CONFIGURED = "no peer services to check: set vigil.services.\"name\".url (or SERVICE_URLS), "
            + "add one with POST /api/v1/services, or run with --demo";
    private static final double DAY_SECONDS = 86_400;

    private final int failuresToDown;
    private final int successesToUp;
    private final Duration window;
    private final int buckets;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final List<StreamEvent> pendingEvents = new ArrayList<>();

    private static final class Track {

        final ServiceTarget target;
        final TargetHealth health;
        final ResponseTimes times;
        CheckResult last;
        Instant nextDue;
        boolean checking;

        Track(ServiceTarget target, TargetHealth health, ResponseTimes times, Instant now) {
            this.target = target;
            this.health = health;
            this.times = times;
            this.nextDue = now;
        }
    }

    ServiceBoard(int failuresToDown, int successesToUp, Duration window, int buckets) {
        this.failuresToDown = failuresToDown;
        this.successesToUp = successesToUp;
        this.window = window;
        this.buckets = buckets;
    }

    /**
     * Takes the current targets (a changed definition starts afresh, a removed one is forgotten) and returns those due
     * now that are not being checked already; they count as being checked from now on.
     */
    synchronized List<ServiceTarget> due(List<ServiceTarget> targets, Instant now) {
        Map<String, Track> kept = new LinkedHashMap<>();
        for (ServiceTarget t : targets) {
            Track track = tracks.get(t.name());
            if (track == null || !track.target.equals(t)) {
                track = new Track(t, new TargetHealth(failuresToDown, successesToUp, now), new ResponseTimes(window, buckets),
                        now);
            }
            kept.put(t.name(), track);
        }
        tracks.clear();
        tracks.putAll(kept);
        List<ServiceTarget> due = new ArrayList<>();
        for (Track track : tracks.values()) {
            if (!track.checking && !now.isBefore(track.nextDue)) {
                track.checking = true;
                track.nextDue = now.plus(track.target.interval());
                due.add(track.target);
            }
        }
        return due;
    }

    /** A check's result, for the target as it was when the check began (ignored if it changed or went meanwhile). */
    synchronized void record(ServiceTarget target, CheckResult result) {
        Track track = tracks.get(target.name());
        if (track == null || !track.target.equals(target)) {
            return;
        }
        track.checking = false;
        track.last = result;
        track.times.record(result.ok(), result.responseTime(), result.at());
        TargetHealth.Change change = track.health.record(result.ok(), result.at());
        if (change != null) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("service", target.name());
            attributes.put("url", shown(target.url()));
            attributes.put("state", change.current().name());
            attributes.put("previous_state", change.previous().name());
            attributes.put("consecutive_failures", track.health.consecutiveFailures());
            attributes.put("error", result.error());
            pendingEvents.add(new StreamEvent(SOURCE, STATUS_CHANGE, attributes, change.at()));
        }
    }

    /** Every target's state now, its samples, and the status changes since the last report. */
    synchronized SourceUpdate report(Instant now) {
        List<ServicesSnapshot.Service> services = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        int up = 0;
        int down = 0;
        for (Track track : tracks.values()) {
            ServicesSnapshot.Service s = service(track, now);
            services.add(s);
            up += s.state().equals("UP") ? 1 : 0;
            down += s.state().equals("DOWN") ? 1 : 0;
            samples.addAll(samples(s, now));
        }
        ServicesSnapshot snapshot = new ServicesSnapshot(up, down, services.size() - up - down, services, now);
        List<StreamEvent> events = List.copyOf(pendingEvents);
        pendingEvents.clear();
        if (tracks.isEmpty()) {
            return new SourceUpdate(SOURCE, now, snapshot, List.of(), events, io.vigil.hub.SourceStatus.NOT_CONFIGURED,
                    NOT_CONFIGURED);
        }
        return SourceUpdate.up(SOURCE, now, snapshot, samples, events);
    }

    private static ServicesSnapshot.Service service(Track track, Instant now) {
        ServiceTarget t = track.target;
        CheckResult last = track.last;
        ResponseTimes.Reading window = track.times.read(now);
        Instant notAfter = last == null ? null : last.certificateNotAfter();
        return new ServicesSnapshot.Service(t.name(), shown(t.url()), t.origin(), track.health.state().name(),
                track.health.since(), track.checking, last == null ? null : last.at(), last == null ? null : last.ok(),
                last == null ? null : last.error(), last == null ? null : last.statusCode(),
                last == null ? null : seconds(last.responseTime()), window == null || window.samples() == 0 ? null : window.p50(),
                window == null || window.samples() == 0 ? null : window.p95(),
                window == null || window.samples() == 0 ? null : window.p99(), window == null ? null : window.errorRatio(),
                window == null ? 0 : window.checks(), track.health.consecutiveFailures(), track.health.consecutiveSuccesses(),
                last == null ? null : seconds(last.dns()), last == null ? null : seconds(last.connect()),
                last == null ? null : seconds(last.tls()), notAfter,
                notAfter == null ? null : Duration.between(now, notAfter).toMillis() / 1000.0 / DAY_SECONDS,
                seconds(t.interval()), seconds(t.timeout()), t.headerNames());
    }

    private static List<Sample> samples(ServicesSnapshot.Service s, Instant ts) {
        List<Sample> out = new ArrayList<>();
        if (!s.state().equals("UNKNOWN")) {
            add(out, "services.up", s.name(), s.state().equals("UP") ? 1.0 : 0.0, ts);
        }
        add(out, "services.consecutive_failures", s.name(), (double) s.consecutiveFailures(), ts);
        add(out, "services.status_code", s.name(), s.statusCode() == null ? null : s.statusCode().doubleValue(), ts);
        add(out, "services.response_time.seconds", s.name(), s.responseTimeSeconds(), ts);
        add(out, "services.response_time.p50", s.name(), s.p50Seconds(), ts);
        add(out, "services.response_time.p95", s.name(), s.p95Seconds(), ts);
        add(out, "services.response_time.p99", s.name(), s.p99Seconds(), ts);
        add(out, "services.error_ratio", s.name(), s.errorRatio(), ts);
        add(out, "services.dns.seconds", s.name(), s.dnsSeconds(), ts);
        add(out, "services.connect.seconds", s.name(), s.connectSeconds(), ts);
        add(out, "services.tls.seconds", s.name(), s.tlsSeconds(), ts);
        add(out, "services.certificate.days_left", s.name(), s.certificateDaysLeft(), ts);
        return out;
    }

    private static void add(List<Sample> out, String series, String service, Double value, Instant ts) {
        if (value != null) {
            out.add(Sample.of(series, "service", service, value, ts));
        }
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toNanos() / 1e9;
    }

    /** The address without credentials in it. */
    static String shown(URI url) {
        if (url.getUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), url.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }
}
