package io.vigil.source.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {

    private final RecentDeliveries deliveries = new RecentDeliveries(4);

    @Test
    void aRedeliveryOfAMessageAlreadyAccountedForIsNotCountedAgain() {
        assertThat(deliveries.firstTime("results.face", bytes("r-1"), false)).isTrue();
        assertThat(deliveries.firstTime("results.face", bytes("r-1"), true)).isFalse();
    }

    @Test
    void aRedeliveryOfAMessageNeverAccountedForIsCounted() {
        assertThat(deliveries.firstTime("results.face", bytes("r-1"), false)).isTrue();
        assertThat(deliveries.firstTime("results.face", bytes("r-2"), true)).isTrue();
        assertThat(deliveries.firstTime("results.phone", bytes("r-1"), true)).isTrue();
    }

    @Test
    void aFirstDeliveryIsAlwaysCountedEvenWithTheSameBody() {
        assertThat(deliveries.firstTime("results.face", bytes("r-1"), false)).isTrue();
        assertThat(deliveries.firstTime("results.face", bytes("r-1"), false)).isTrue();
    }

    @Test
    void onlyTheLatestMessagesAreRemembered() {
        for (int i = 0; i < 5; i++) {
            deliveries.firstTime("results.face", bytes("r-" + i), false);
        }
        assertThat(deliveries.firstTime("results.face", bytes("r-0"), true)).isTrue();
        assertThat(deliveries.firstTime("results.face", bytes("r-4"), true)).isFalse();
    }

    private static byte[] bytes(String requestId) {
        return ("{\"request_id\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
