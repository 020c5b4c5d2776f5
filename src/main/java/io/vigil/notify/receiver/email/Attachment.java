package io.vigil.notify.receiver.email;

/** A file as it leaves with an email. */
public record Attachment(String name, byte[] data, String contentType) {

    public long size() {
        return data.length;
    }
}
