package io.vigil.source.clients;

import java.time.Instant;
import java.util.List;

/**
 * The client states in Redis after one read, as REST and WebSocket show them.
 *
 * @param active clients whose status in the status hash is active
 * @param paused clients whose status is paused
 * @param blocked members of the blocked key
 * @param deactivated members of the deactivated key
 * @param other clients of the status hash whose status is neither active nor paused
 * @param total distinct clients named by any key
 * @param keys the watched keys: type found, size, and what is wrong with them
 * @param changeDetection notifications or polling, and why
 * @param trigger what caused this read
 */
public record ClientStateSnapshot(ClientGroup active, ClientGroup paused, ClientGroup blocked, ClientGroup deactivated,
        ClientGroup other, int total, List<WatchedKey> keys, ChangeDetection changeDetection, ReadTrigger trigger,
        Instant readAt) {
}
