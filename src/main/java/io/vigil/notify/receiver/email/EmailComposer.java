package io.vigil.notify.receiver.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.alert.Alert;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.message.AlertText;
import io.vigil.notify.message.MessageContext;
import io.vigil.notify.message.MessageTemplate;

/**
 * Writes the email of a notification: subject, text and HTML parts from the templates, the summary attachment, the
 * receiver's files and those the alerts name (from the allowed directories only), all within the size guard. Reads
 * files: call it on a worker thread.
 */
public final class EmailComposer {

    public static final String SUMMARY = "alerts-summary.txt";

    private final NotifyConfig.Email email;
    private final MessageContext context;
    private final List<Path> allowedDirs;

    public EmailComposer(NotifyConfig.Email email, MessageContext context) {
        this.email = email;
        this.context = context;
        this.allowedDirs = email.attachmentDirs().orElse(List.of()).stream()
                .map(d -> Path.of(d).toAbsolutePath().normalize()).toList();
    }

    public OutgoingMail compose(Notification n, List<String> to, NotifyConfig.Receiver receiver) {
        String subject = MessageTemplate.render(receiver.subject().orElse(email.subject()), n, context).strip();
        String body = MessageTemplate.render(receiver.body().orElse(email.body()), n, context);
        String html = html(n, receiver, body);
        if (n.test()) {
            String note = "Test notification from Vigil: " + n.testMessage();
            subject = "[TEST] " + subject;
            body = note + "\n\n" + body;
            html = Html.paragraph(note) + "\n" + html;
        }
        List<AttachmentGuard.Candidate> candidates = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (email.attachSummary()) {
            candidates.add(AttachmentGuard.Candidate.of(new Attachment(SUMMARY, summary(n).getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=UTF-8")));
        }
        receiver.attachments().orElse(List.of()).forEach(f -> candidates.add(AttachmentGuard.Candidate.of(Path.of(f))));
        for (String named : namedByAlerts(n)) {
            Path file = allowed(named);
            if (file == null) {
                refused.add(
                        "omitted: " + named + " is not in an allowed attachment directory (vigil.notify.email.attachment-dirs)");
            } else {
                candidates.add(AttachmentGuard.Candidate.of(file));
            }
        }
        AttachmentGuard.Outcome fitted = AttachmentGuard.fit(candidates, email.maxAttachmentBytes());
        List<String> omitted = new ArrayList<>(fitted.omitted());
        omitted.addAll(refused);
        if (!omitted.isEmpty()) {
            body = body.stripTrailing() + "\n\nAttachments left out:\n" + String.join("\n", omitted) + "\n";
            html = html + "\n" + Html.list("Attachments left out:", omitted);
        }
        return new OutgoingMail(to, subject, body, Html.document(subject, html), fitted.attached(), omitted);
    }

    /**
     * The HTML part's body: the receiver's HTML template, else its text when it changed only the text (mail clients
     * show the HTML part, and the receiver's own words must be what people read), else the global HTML template.
     */
    private String html(Notification n, NotifyConfig.Receiver receiver, String text) {
        if (receiver.htmlBody().isEmpty() && receiver.body().isPresent()) {
            return Html.preformatted(text);
        }
        return MessageTemplate.render(receiver.htmlBody().orElse(email.htmlBody()), n, context, Html::escape,
                Map.of("alertsTable", AlertTable.of(n, context)));
    }

    /** The full record of every alert of the message. */
    static String summary(Notification n) {
        StringBuilder out = new StringBuilder();
        out.append("Vigil notification ").append(n.id()).append('\n')
                .append("receiver: ").append(n.receiver()).append('\n')
                .append("group:    ").append(n.group().labelsText()).append('\n')
                .append("status:   ").append(n.status()).append(" (").append(n.firing().size()).append(" firing, ")
                .append(n.resolved().size()).append(" resolved)\n")
                .append("sent at:  ").append(n.createdAt()).append("\n");
        for (Alert a : n.alerts()) {
            out.append('\n').append(AlertText.details(a));
        }
        return out.toString();
    }

    private static Set<String> namedByAlerts(Notification n) {
        Set<String> names = new LinkedHashSet<>();
        for (Alert a : n.alerts()) {
            String list = a.annotations().get("attachments");
            if (list != null) {
                for (String item : list.split(",")) {
                    if (!item.isBlank()) {
                        names.add(item.strip());
                    }
                }
            }
        }
        return names;
    }

    /** The file when it lies in an allowed directory (after resolving links), else null. */
    private Path allowed(String name) {
        Path file;
        try {
            file = Path.of(name).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
        Path real = file;
        if (Files.exists(file)) {
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                return null;
            }
        }
        for (Path dir : allowedDirs) {
            Path realDir = dir;
            try {
                realDir = Files.exists(dir) ? dir.toRealPath() : dir;
            } catch (IOException e) {
                continue;
            }
            if (real.startsWith(realDir)) {
                return file;
            }
        }
        return null;
    }
}
