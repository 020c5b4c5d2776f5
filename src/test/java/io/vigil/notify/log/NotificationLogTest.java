package io.vigil.notify.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testing.SharedServers;

/** The notification log on Vigil's real database (H2 in SQL Server mode). */
@QuarkusTest
@TestProfile(SharedServers.class)
class NotificationLogTest {

    @Inject
    NotificationLog log;

    static NotificationLog.Entry entry(String receiver, String notificationId, Instant at) {
        return new NotificationLog.Entry(UUID.randomUUID().toString(), notificationId, "k", receiver, "firing",
                receiver + ":{}", 1, "success", 1, null, "ok", at);
    }

    @Test
    void readsBackTheDeliveriesOfManyEpisodesAndRefusesToRecordOneTwice() {
        String receiver = "r-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> episodes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            episodes.add("alert-" + i + "@1");
            keys.add("alert-" + i + "@1|" + receiver + "|firing");
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        log.append(entry(receiver, "n-1", at), keys, at);
        log.append(entry(receiver, "n-2", at),
                List.of("alert-7@1|" + receiver + "|resolved", "alert-8@1|" + receiver + "|firing"), at);

        var sent = log.sent(receiver, episodes);
        assertThat(sent).hasSize(1200);
        assertThat(sent.get("alert-7@1")).extracting(SentRecord::kind).containsExactlyInAnyOrder("firing", "resolved");
        assertThat(sent.get("alert-8@1")).as("the second record of the same key was refused").hasSize(1);
        assertThat(sent.get("alert-1199@1").get(0).at()).isEqualTo(at);
        assertThat(log.sent("someone-else", episodes)).isEmpty();
    }

    @Test
    void purgeRemovesWhatIsOlderThanTheRetentionOnly() {
        String receiver = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Instant old = Instant.now().minus(Duration.ofDays(40));
        log.append(entry(receiver, "old", old), List.of("e@1|" + receiver + "|firing"), old);
        log.append(entry(receiver, "new", Instant.now()), List.of("e@2|" + receiver + "|firing"), Instant.now());

        assertThat(log.purge(Instant.now().minus(Duration.ofDays(30)))).isGreaterThanOrEqualTo(2);
        assertThat(log.recent(10, receiver)).extracting(NotificationLog.Entry::notificationId).containsExactly("new");
        assertThat(log.sent(receiver, List.of("e@1", "e@2"))).containsOnlyKeys("e@2");
    }
}
