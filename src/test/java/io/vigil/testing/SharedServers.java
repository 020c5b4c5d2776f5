package io.vigil.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The servers every {@code @QuarkusTest} of Vigil talks to: the HxRun database, RabbitMQ and Redis (behind a proxy
 * the tests can cut). One profile for all, so the test classes share one running application.
 */
public class SharedServers implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(HxRunDatabase.class), new TestResourceEntry(RabbitBroker.class),
                new TestResourceEntry(RedisBehindProxy.class));
    }
}
