package io.vigil.schedule;

import java.time.Instant;

/** A schedule stopped after an abort until someone has looked at the robot: why, who, when. */
public record Recovery(String note, String actor, Instant at) {
}
