package io.vigil.schedule;

import java.util.List;

/** Whether a job may start now and, if not, every condition that holds the gate shut. */
public record GateStatus(boolean open, List<String> closedBecause, int running, int maxConcurrentJobs, Boolean robotBusy,
        int waiting) {
}
