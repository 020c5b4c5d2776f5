package io.vigil.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.alert.Severity;

/** Where alert notifications go, how they are grouped, retried and logged. */
@ConfigMapping(prefix = "vigil.notify")
public interface NotifyConfig {

    /** Labels whose values put alerts in the same group (one message per group); {@code ...} groups by every label. */
    List<String> groupBy();

    /** How long a new group waits for more alerts before its first message. */
    Duration groupWait();

    /** Least time between two messages of one group about new alerts or resolutions. */
    Duration groupInterval();

    /** Least time before an unchanged, still firing group is sent again. */
    Duration repeatInterval();

    /** Vigil's address as people reach it, used for links in messages and as Alertmanager's externalURL. */
    String externalUrl();

    /**
     * The lab's time zone (e.g. Europe/Berlin): times in messages are written in it. Unset: the system's zone. A
     * string, not a ZoneId: an unset ZoneId fails the configuration's validation in the prod profile.
     */
    Optional<String> timeZone();

    /** AES-256 key (base64 of 32 bytes) that encrypts the SMTP password at rest; without it no password is stored. */
    Optional<String> settingsKey();

    /** Sending again after a failed attempt. */
    Retry retry();

    /** The email receivers. */
    Email email();

    /** The notification log. */
    Log log();

    /** The receivers by name. An alert goes to the receivers its rule names, or to the default receivers when it names none. */
    Map<String, Receiver> receivers();

    /** Receivers for alerts whose rule names none; unset means every receiver. */
    Optional<java.util.List<String>> defaultReceivers();

    interface Retry {

        /** Attempts per notification before it is given up (and tried afresh at the group's next interval). */
        int maxAttempts();

        /** First delay after a failed attempt; it doubles after each failure. */
        Duration minDelay();

        /** Longest delay between two attempts. */
        Duration maxDelay();

        /** Spread of each delay, as a fraction (0.2 = ±20 %). */
        double jitter();

        /** No new attempt starts once this much time has passed since the first one. */
        Duration giveUpAfter();

        /** One attempt that has not finished within this time has failed. */
        Duration attemptTimeout();
    }

    interface Email {

        /** Total size of a message's attachments; what does not fit is left out and the body says so. */
        long maxAttachmentBytes();

        /** Subject template: {{ $status }}, {{ $count }}, {{ $labels.NAME }}, {{ $severity }} ... (see the README). */
        String subject();

        /** Body template of the plain-text part; {{ $alerts }} lists every alert of the message. */
        String body();

        /**
         * Body template of the HTML part, the same placeholders with their values HTML-escaped, plus
         * {@code {{ $alertsTable }}}: a table of the message's alerts with links to the dashboard.
         */
        String htmlBody();

        /** Whether every email carries {@code alerts-summary.txt} with the full details of its alerts. */
        boolean attachSummary();

        /**
         * Directories from which an alert may name files to attach (annotation {@code attachments}, comma-separated
         * paths); a file outside them is not attached. Empty: alerts cannot attach files.
         */
        Optional<List<String>> attachmentDirs();
    }

    interface Log {

        /** How long notification log entries (and the dedupe records they hold) are kept. */
        Duration retention();
    }

    interface Receiver {

        /** email, webhook, slack, alertmanager or pagerduty. */
        ReceiverType type();

        /** A disabled receiver sends nothing. */
        @WithDefault("true")
        boolean enabled();

        /** The least severity this receiver takes. */
        @WithDefault("info")
        Severity minSeverity();

        /**
         * webhook, slack: where to POST; alertmanager: Alertmanager's base address (…/api/v2/alerts is added);
         * pagerduty: the Events API v2 endpoint, PagerDuty's own by default.
         */
        Optional<String> url();

        /** pagerduty: the routing key of the PagerDuty integration (Events API v2); a secret, never shown. */
        Optional<String> routingKey();

        /** email: addresses that get every message of this receiver, besides the contacts whose severity it reaches. */
        Optional<List<String>> to();

        /** email: files attached to every message of this receiver (within the size guard). */
        Optional<List<String>> attachments();

        /** email: subject template instead of vigil.notify.email.subject. */
        Optional<String> subject();

        /** email: the plain-text part, slack: the text; a template instead of the default. */
        Optional<String> body();

        /**
         * email: HTML part template instead of vigil.notify.email.html-body. Unset while {@code body} is set: the
         * HTML part shows that text, so that what the receiver wrote is what mail clients display.
         */
        Optional<String> htmlBody();

        /**
         * Repeat interval of this receiver instead of vigil.notify.repeat-interval. An alertmanager receiver defaults
         * to 1m and repeats acknowledged alerts too, so that Alertmanager keeps them active.
         */
        Optional<Duration> repeatInterval();
    }
}
