package io.vigil.source.pipelines;

import java.io.IOException;

import com.rabbitmq.client.Channel;

/**
 * Acks one channel's deliveries a batch at a time: one {@code basic.ack} with {@code multiple} set for up to
 * {@code every} messages instead of a frame each (a socket write per message was most of the consumer's CPU). The
 * broker holds at most the prefetch unacked, so a batch is at most half of it and deliveries never stall; what is left
 * of a batch when a stream goes quiet is acked by {@link #flush()} on the source's upkeep tick and before the
 * connection closes. A crash in between costs nothing but a redelivery, which {@link RecentDeliveries} recognises.
 * Every ack of the channel goes through here, in delivery order, so a multiple ack never covers a tag twice.
 */
final class AckBatch {

    private final Channel channel;
    private final int every;
    private long last; // the newest delivery tag done and not acked yet
    private int waiting; // how many deliveries that ack will cover

    AckBatch(Channel channel, int prefetch) {
        this.channel = channel;
        this.every = batchSize(prefetch);
    }

    /** Half the prefetch, so the broker always has room to deliver the next ones; 1 (an ack each) for a prefetch of 1. */
    static int batchSize(int prefetch) {
        return Math.max(1, Math.min(prefetch / 2, 100));
    }

    /** A delivery is done with (accounted for, or counted as rejected); called on the channel's delivery thread. */
    synchronized void done(long deliveryTag) throws IOException {
        last = deliveryTag;
        if (++waiting >= every) {
            flush();
        }
    }

    /** Acks every delivery done so far. */
    synchronized void flush() throws IOException {
        if (waiting == 0) {
            return;
        }
        long tag = last;
        waiting = 0;
        if (channel.isOpen()) {
            channel.basicAck(tag, true);
        }
    }

    /** Deliveries done and not acked yet. */
    synchronized int waiting() {
        return waiting;
    }
}
