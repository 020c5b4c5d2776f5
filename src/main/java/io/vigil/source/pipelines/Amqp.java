package io.vigil.source.pipelines;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;

import io.vigil.log.LogSafe;

/** Small helpers around the RabbitMQ Java client. */
final class Amqp {

    private static final Logger LOG = Logger.getLogger(Amqp.class);

    private Amqp() {
    }

    /** The AMQP reply code of a failed operation (404 not found, 405 locked, 406 precondition failed), or 0. */
    static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                Method reason = s.getReason();
                if (reason instanceof AMQP.Channel.Close c) {
                    return c.getReplyCode();
                }
                if (reason instanceof AMQP.Connection.Close c) {
                    return c.getReplyCode();
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return 0;
    }

    /** What went wrong, in a line: the broker's reply text where there is one, else the root cause. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                Method reason = s.getReason();
                if (reason instanceof AMQP.Channel.Close c) {
                    return c.getReplyText();
                }
                if (reason instanceof AMQP.Connection.Close c) {
                    return c.getReplyText();
                }
                if (s.getCause() != null) {
                    return describe(s.getCause());
                }
                return s.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                if (t instanceof EOFException) {
                    return "the connection was closed by the other end";
                }
                return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            }
        }
        return "unknown error";
    }

    static void closeQuietly(Channel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | RuntimeException | TimeoutException e) {
                LOG.debugf("Closing a channel failed: %s", LogSafe.escape(e.getMessage()));
            }
        }
    }

    static void abortQuietly(Connection connection, int timeoutMs) {
        if (connection != null) {
            connection.abort(timeoutMs);
        }
    }

    /**
     * The client's default handler logs every lost connection as an error with a stack trace; the source reports it
     * through the hub instead, so here it is a debug line.
     */
    static final class QuietExceptionHandler extends ForgivingExceptionHandler {

        @Override
        public void handleUnexpectedConnectionDriverException(Connection conn, Throwable exception) {
            LOG.debugf("RabbitMQ connection driver: %s", LogSafe.escape(exception));
        }

        @Override
        protected void log(String message, Throwable e) {
            LOG.warnf("RabbitMQ client: %s: %s", LogSafe.escape(message), LogSafe.escape(e));
        }
    }
}
