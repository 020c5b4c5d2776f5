package io.vigil.notify.receiver.slack;

import java.util.Map;

import io.vigil.alert.Alert;
import io.vigil.notify.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.ReceiverType;
import io.vigil.notify.message.AlertText;
import io.vigil.notify.message.MessageContext;
import io.vigil.notify.message.MessageTemplate;
import io.vigil.notify.receiver.http.HttpPoster;
import io.vigil.notify.receiver.http.JsonPostReceiver;

/** A Slack incoming webhook: {@code {"text": ...}} with a summary people can read in the channel. */
public final class SlackReceiver extends JsonPostReceiver {

    static final int MAX_LINES = 20;

    private final MessageContext context;

    public SlackReceiver(String name, NotifyConfig.Receiver config, String url, MessageContext context, HttpPoster http) {
        super(name, ReceiverType.SLACK, config, url, context.externalUrl(), http);
        this.context = context;
    }

    @Override
    protected Object body(Notification notification) {
        return Map.of("text", text(notification));
    }

    /** {@code *[FIRING:2] HighCpu* (critical)}, then a bullet per alert (at most 20), then the link to Vigil. */
    String text(Notification n) {
        if (config.body().isPresent()) {
            return MessageTemplate.render(config.body().get(), n, context);
        }
        StringBuilder out = new StringBuilder();
        if (n.test()) {
            out.append("Test notification from Vigil: ").append(n.testMessage()).append('\n');
        }
        String title = n.group().labels().getOrDefault("alertname", n.alerts().get(0).rule());
        out.append('*').append(MessageTemplate.render("[{{ $status }}:{{ $count }}] ", n, context)).append(title)
                .append("* (").append(n.highestSeverity().label()).append(")\n");
        int shown = 0;
        for (Alert a : n.alerts()) {
            if (shown++ == MAX_LINES) {
                out.append("• … and ").append(n.alerts().size() - MAX_LINES).append(" more\n");
                break;
            }
            out.append("• ").append(AlertText.line(a, context)).append('\n');
        }
        out.append('<').append(externalUrl).append("|Open Vigil>");
        return out.toString();
    }
}
