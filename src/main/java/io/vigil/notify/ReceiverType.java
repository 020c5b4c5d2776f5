package io.vigil.notify;

/** The kinds of receiver Vigil can send to. */
public enum ReceiverType {

    EMAIL, WEBHOOK, SLACK, ALERTMANAGER, PAGERDUTY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
