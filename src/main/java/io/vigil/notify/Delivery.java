package io.vigil.notify;

/** A receiver's answer to one attempt: delivered (with what it said), or skipped because there was nobody to send to. */
public record Delivery(boolean delivered, String detail) {

    public static Delivery sent(String detail) {
        return new Delivery(true, detail);
    }

    public static Delivery skipped(String reason) {
        return new Delivery(false, reason);
    }
}
