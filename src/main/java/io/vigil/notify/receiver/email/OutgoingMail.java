package io.vigil.notify.receiver.email;

import java.util.List;

/**
 * A composed email: a plain-text part and its HTML alternative (a whole document), with the lines about attachments
 * that were left out already in both.
 */
public record OutgoingMail(List<String> to, String subject, String text, String html, List<Attachment> attachments,
        List<String> omitted) {

    public OutgoingMail {
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
        omitted = List.copyOf(omitted);
    }
}
