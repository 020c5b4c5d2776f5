package io.vigil.source.pipelines;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.hub.view.SavedAction;

/** The last {@code capacity} saved actions, newest first, and how many of each action Vigil has seen. */
final class RecentActions {

    private final int capacity;
    private final Deque<SavedAction> latest = new ArrayDeque<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();

    RecentActions(int capacity) {
        this.capacity = capacity;
        SavedAction.ACTIONS.forEach(a -> totals.put(a, 0L));
    }

    synchronized void add(SavedAction action) {
        latest.addFirst(action);
        while (latest.size() > capacity) {
            latest.removeLast();
        }
        totals.merge(action.action(), 1L, Long::sum);
    }

    synchronized List<SavedAction> newestFirst() {
        return new ArrayList<>(latest);
    }

    synchronized Map<String, Long> totals() {
        return new LinkedHashMap<>(totals);
    }
}
