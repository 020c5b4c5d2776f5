package io.vigil.source.pipelines;

/** What a consumer hands each delivery to, before acking it. Never throws for a bad message. */
@FunctionalInterface
interface DeliveryAccounting {

    /** @param redelivered the broker's flag: this message was delivered before, perhaps already accounted for */
    void accept(StreamSpec stream, byte[] body, boolean redelivered);
}
