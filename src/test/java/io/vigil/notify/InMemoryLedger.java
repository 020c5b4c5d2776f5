package io.vigil.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.notify.log.SentLedger;
import io.vigil.notify.log.SentRecord;

/** The notification log's dedupe records, kept in memory for tests without a database. */
public final class InMemoryLedger implements SentLedger {

    private final Map<String, List<SentRecord>> byReceiverAndEpisode = new HashMap<>();

    @Override
    public synchronized Map<String, List<SentRecord>> sent(String receiver, Collection<String> episodes) {
        Map<String, List<SentRecord>> out = new HashMap<>();
        for (String episode : episodes) {
            List<SentRecord> records = byReceiverAndEpisode.get(receiver + "\n" + episode);
            if (records != null) {
                out.put(episode, List.copyOf(records));
            }
        }
        return out;
    }

    public synchronized void record(Notification n, Instant at) {
        for (String key : n.dedupeKeys()) {
            String[] parts = key.split("\\|");
            byReceiverAndEpisode.computeIfAbsent(parts[1] + "\n" + parts[0], k -> new ArrayList<>())
                    .add(new SentRecord(parts[0], parts[2], at));
        }
    }
}
