package io.vigil.notify.email;

import java.util.List;

/** A composed plain-text email, with the lines about attachments that were left out already in its text. */
public record OutgoingMail(List<String> to, String subject, String text, List<Attachment> attachments, List<String> omitted) {

    public OutgoingMail {
        to = List.copyOf(to);
        attachments = List.copyOf(attachments);
        omitted = List.copyOf(omitted);
    }
}
