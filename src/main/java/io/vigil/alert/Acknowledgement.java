package io.vigil.alert;

import java.time.Instant;

/** Someone has seen the alert: it is not repeated any more, but it still resolves. */
public record Acknowledgement(String by, Instant at, String note) {
}
