package io.vigil.source.clients;

import java.util.List;
import java.util.SortedSet;

/**
 * Clients in one state: how many, and their ids in order, at most {@code vigil.clients.max-listed-ids} of them.
 *
 * @param truncated whether more ids exist than are listed
 */
public record ClientGroup(int count, List<String> ids, boolean truncated) {

    static ClientGroup of(SortedSet<String> ids, int maxListed) {
        List<String> listed = ids.stream().limit(Math.max(0, maxListed)).toList();
        return new ClientGroup(ids.size(), listed, listed.size() < ids.size());
    }
}
