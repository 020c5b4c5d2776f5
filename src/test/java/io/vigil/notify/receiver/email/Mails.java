package io.vigil.notify.receiver.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;

/** Reading what GreenMail received: one copy per recipient, so a message is identified by its Message-ID. */
final class Mails {

    private Mails() {
    }

    /** Copies received whose subject contains {@code text}. */
    static List<MimeMessage> withSubject(GreenMailExtension greenMail, String text) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> subject(m).contains(text)).toList();
    }

    /** Distinct messages (by Message-ID) whose subject contains {@code text}. */
    static List<MimeMessage> distinct(GreenMailExtension greenMail, String text) {
        Map<String, MimeMessage> byId = new LinkedHashMap<>();
        for (MimeMessage m : withSubject(greenMail, text)) {
            try {
                byId.putIfAbsent(m.getMessageID(), m);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(byId.values());
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> to(MimeMessage m) throws MessagingException {
        Address[] to = m.getRecipients(Message.RecipientType.TO);
        return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
    }

    static String from(MimeMessage m) throws MessagingException {
        Address[] from = m.getFrom();
        if (from == null || from.length == 0) {
            throw new IllegalStateException(
                    "no From header in:\n" + String.join("\n", java.util.Collections.list(m.getAllHeaderLines())));
        }
        return from[0].toString();
    }

    /** The plain-text body. */
    static String text(MimeMessage m) throws MessagingException, IOException {
        Object content = m.getContent();
        if (content instanceof String) {
            return ((String) content).replace("\r\n", "\n");
        }
        Multipart multipart = (Multipart) content;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (!Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.isMimeType("text/plain")) {
                return ((String) part.getContent()).replace("\r\n", "\n");
            }
            if (part.getContent() instanceof Multipart) {
                Multipart inner = (Multipart) part.getContent();
                for (int j = 0; j < inner.getCount(); j++) {
                    if (inner.getBodyPart(j).isMimeType("text/plain")) {
                        return ((String) inner.getBodyPart(j).getContent()).replace("\r\n", "\n");
                    }
                }
            }
        }
        throw new IllegalStateException("no text part");
    }

    /**
     * The body's alternatives (text/plain, text/html ...) by base content type, in their order: the
     * multipart/alternative part, at the top or inside the multipart/mixed that carries attachments.
     */
    static Map<String, String> alternatives(MimeMessage m) throws MessagingException, IOException {
        Multipart alternative = alternative(m.getContent());
        if (alternative == null) {
            throw new IllegalStateException("no multipart/alternative body, the message is " + m.getContentType());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            out.put(new ContentType(part.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT),
                    ((String) part.getContent()).replace("\r\n", "\n"));
        }
        return out;
    }

    /** The HTML alternative of the body. */
    static String html(MimeMessage m) throws MessagingException, IOException {
        String html = alternatives(m).get("text/html");
        if (html == null) {
            throw new IllegalStateException("no text/html alternative");
        }
        return html;
    }

    private static Multipart alternative(Object content) throws MessagingException, IOException {
        if (!(content instanceof Multipart multipart)) {
            return null;
        }
        if (new ContentType(multipart.getContentType()).match("multipart/alternative")) {
            return multipart;
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            Multipart inner = alternative(multipart.getBodyPart(i).getContent());
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /** Attachments by file name, with their content as text. */
    static Map<String, String> attachments(MimeMessage m) throws MessagingException, IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Object content = m.getContent();
        if (!(content instanceof Multipart)) {
            return out;
        }
        Multipart multipart = (Multipart) content;
        List<BodyPart> parts = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            parts.add(multipart.getBodyPart(i));
        }
        for (BodyPart part : parts) {
            if (part.getFileName() != null) {
                try (InputStream in = part.getInputStream()) {
                    out.put(part.getFileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
