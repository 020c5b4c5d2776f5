package io.vigil.source.clients;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.vigil.hub.Sample;

/**
 * The clients as the three watched keys describe them, complete (ids are not truncated here): two equal readings mean
 * nothing changed. Each key is read for what it is: the status hash maps a client to its status, the blocked and
 * deactivated keys list clients (as a set or a list). A key of another type is reported and read as empty; a missing
 * key is empty. The keys are independent: a client may be active in the hash and blocked at the same time, and is
 * then counted in both, as the production app wrote it.
 */
record ClientStates(SortedSet<String> active, SortedSet<String> paused, SortedSet<String> other,
        SortedSet<String> blocked, SortedSet<String> deactivated, List<WatchedKey> keys) {

    static final String STATUS = "status";
    static final String BLOCKED = "blocked";
    static final String DEACTIVATED = "deactivated";
    private static final String HASH_EXPECTED = "hash";
    private static final String MEMBERS_EXPECTED = "set or list";

    ClientStates {
        active = unmodifiable(active);
        paused = unmodifiable(paused);
        other = unmodifiable(other);
        blocked = unmodifiable(blocked);
        deactivated = unmodifiable(deactivated);
        keys = List.copyOf(keys);
    }

    /** Status values (any case) that count as active and as paused. */
    record StatusNames(Set<String> active, Set<String> paused) {

        StatusNames {
            active = normalized(active);
            paused = normalized(paused);
        }

        private static Set<String> normalized(Set<String> values) {
            return values.stream().map(StatusNames::normalize).collect(Collectors.toUnmodifiableSet());
        }

        static String normalize(String status) {
            return status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        }
    }

    static ClientStates from(KeyContent status, KeyContent blocked, KeyContent deactivated, StatusNames names) {
        SortedSet<String> active = new TreeSet<>();
        SortedSet<String> paused = new TreeSet<>();
        SortedSet<String> other = new TreeSet<>();
        List<WatchedKey> keys = new ArrayList<>();

        boolean statusReadable = status.type().equals(KeyContent.HASH) || status.type().equals(KeyContent.NONE);
        keys.add(watched(status, STATUS, HASH_EXPECTED, statusReadable));
        if (statusReadable) {
            status.entries().forEach((client, value) -> {
                String normalized = StatusNames.normalize(value);
                if (names.active().contains(normalized)) {
                    active.add(client);
                } else if (names.paused().contains(normalized)) {
                    paused.add(client);
                } else {
                    other.add(client);
                }
            });
        }
        return new ClientStates(active, paused, other, members(blocked, BLOCKED, keys),
                members(deactivated, DEACTIVATED, keys), keys);
    }

    private static SortedSet<String> members(KeyContent content, String holds, List<WatchedKey> keys) {
        boolean readable = switch (content.type()) {
            case KeyContent.SET, KeyContent.LIST, KeyContent.NONE -> true;
            default -> false;
        };
        keys.add(watched(content, holds, MEMBERS_EXPECTED, readable));
        return readable ? new TreeSet<>(content.members()) : new TreeSet<>();
    }

    private static WatchedKey watched(KeyContent content, String holds, String expected, boolean readable) {
        String problem = readable
                ? null
                : content.key() + " is a " + content.type() + ", expected a " + expected + "; read as empty";
        return new WatchedKey(content.key(), holds, content.type(), expected, content.size(), problem);
    }

    /** Every client named by any key. */
    int total() {
        Set<String> all = new TreeSet<>(active);
        all.addAll(paused);
        all.addAll(other);
        all.addAll(blocked);
        all.addAll(deactivated);
        return all.size();
    }

    /** What is wrong with the keys, for people; empty when every key has a type Vigil reads. */
    List<String> problems() {
        return keys.stream().map(WatchedKey::problem).filter(p -> p != null).toList();
    }

    ClientStateSnapshot snapshot(int maxListedIds, ChangeDetection detection, ReadTrigger trigger, Instant readAt) {
        return new ClientStateSnapshot(ClientGroup.of(active, maxListedIds), ClientGroup.of(paused, maxListedIds),
                ClientGroup.of(blocked, maxListedIds), ClientGroup.of(deactivated, maxListedIds),
                ClientGroup.of(other, maxListedIds), total(), keys, detection, trigger, readAt);
    }

    List<Sample> samples(Instant ts) {
        return List.of(Sample.of("clients.active", active.size(), ts),
                Sample.of("clients.paused", paused.size(), ts),
                Sample.of("clients.blocked", blocked.size(), ts),
                Sample.of("clients.deactivated", deactivated.size(), ts),
                Sample.of("clients.other", other.size(), ts),
                Sample.of("clients.total", total(), ts));
    }

    private static SortedSet<String> unmodifiable(SortedSet<String> ids) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    }
}
