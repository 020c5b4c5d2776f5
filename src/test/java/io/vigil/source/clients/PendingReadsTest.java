package io.vigil.source.clients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingReadsTest {

    @Test
    void aBurstOfReasonsIsOneReadForTheStrongest() {
        PendingReads pending = new PendingReads();
        pending.add(ReadTrigger.NOTIFICATION);
        pending.add(ReadTrigger.RESYNC);
        pending.add(ReadTrigger.NOTIFICATION);
        pending.add(ReadTrigger.POLL);
        assertThat(pending.take()).isEqualTo(ReadTrigger.RESYNC);
        assertThat(pending.take()).isNull();
    }

    @Test
    void connectOutranksEverything() {
        PendingReads pending = new PendingReads();
        pending.add(ReadTrigger.CONNECT);
        pending.add(ReadTrigger.RESYNC);
        assertThat(pending.take()).isEqualTo(ReadTrigger.CONNECT);
    }

    @Test
    void onlyConnectAndResyncCheckTheServerAndReportUnchangedReadings() {
        assertThat(ReadTrigger.CONNECT.checksServerSettings()).isTrue();
        assertThat(ReadTrigger.RESYNC.reportedEvenIfUnchanged()).isTrue();
        assertThat(ReadTrigger.POLL.checksServerSettings()).isFalse();
        assertThat(ReadTrigger.NOTIFICATION.reportedEvenIfUnchanged()).isFalse();
    }
}
