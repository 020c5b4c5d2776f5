package io.vigil.source.pipelines;

/** A message that cannot be accounted for, with the reason label and a detail for the log. */
public class MessageRejected extends Exception {

    private final RejectReason reason;

    public MessageRejected(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
