package io.vigil.notify.receiver.email;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.alert.Severity;
import io.vigil.notify.Notification;
import io.vigil.notify.message.AlertText;
import io.vigil.notify.message.MessageContext;

/**
 * The alerts of a message as an HTML table, a row each: what, where, since, severity, value, and a link to
 * acknowledge it. The alert's name links to its card on the dashboard. Every value is escaped: labels and annotations
 * are whatever the rules and sources wrote.
 */
final class AlertTable {

    private static final List<String> HEADINGS = List.of("What", "Where", "Since", "Severity", "Value", "");
    private static final String TABLE = "border-collapse:collapse;width:100%;max-width:960px;font-size:14px;";
    private static final String TH = "text-align:left;padding:6px 10px;border-bottom:2px solid #d0d7de;"
            + "background:#f6f8fa;font-weight:600;white-space:nowrap;";
    private static final String TD = "padding:6px 10px;border-bottom:1px solid #d0d7de;vertical-align:top;";
    private static final String BADGE = "display:inline-block;padding:0 6px;border-radius:4px;"
            + "font-size:11px;font-weight:700;color:#ffffff;background:";
    private static final Map<Severity, String> SEVERITY_COLOUR = Map.of(
            Severity.CRITICAL, "#cf222e", Severity.WARNING, "#9a6700", Severity.INFO, "#0969da");

    private AlertTable() {
    }

    static String of(Notification n, MessageContext context) {
        // A test alert exists only in its message: the dashboard has no card to link to.
        boolean links = !n.test();
        StringBuilder out = new StringBuilder("<table style=\"").append(TABLE).append("\">\n<thead><tr>");
        HEADINGS.forEach(h -> out.append("<th style=\"").append(TH).append("\">").append(h).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        n.alerts().forEach(a -> row(out, a, context, links));
        return out.append("</tbody>\n</table>").toString();
    }

    private static void row(StringBuilder out, Alert a, MessageContext context, boolean links) {
        out.append("<tr>");
        cell(out, "", what(a, context, links));
        cell(out, "", String.join("<br>", AlertText.whereEach(a.labels()).stream().map(Html::escape).toList()));
        cell(out, "white-space:nowrap;", since(a, context));
        cell(out, "font-weight:600;color:" + SEVERITY_COLOUR.get(a.severity()) + ";", Html.escape(a.severity().label()));
        cell(out, "white-space:nowrap;", Html.escape(AlertText.value(a.value())));
        cell(out, "white-space:nowrap;", action(a, context, links));
        out.append("</tr>\n");
    }

    private static void cell(StringBuilder out, String style, String markup) {
        out.append("<td style=\"").append(TD).append(style).append("\">").append(markup).append("</td>");
    }

    private static String what(Alert a, MessageContext context, boolean links) {
        String colour = a.notice() ? "#0969da" : a.state() == AlertState.RESOLVED ? "#1a7f37" : "#cf222e";
        String name = Html.escape(a.rule());
        StringBuilder out = new StringBuilder("<span style=\"").append(BADGE).append(colour)
                .append(";\">").append(AlertText.status(a)).append("</span> ");
        if (links) {
            out.append("<a href=\"").append(Html.escape(context.alertUrl(a.id()))).append("\" style=\"font-weight:600;\">")
                    .append(name).append("</a>");
        } else {
            out.append("<strong>").append(name).append("</strong>");
        }
        String summary = AlertText.summary(a);
        if (!summary.isEmpty()) {
            out.append("<br><span style=\"").append(Html.MUTED).append("\">").append(Html.escape(summary)).append("</span>");
        }
        return out.toString();
    }

    private static String since(Alert a, MessageContext context) {
        Instant since = a.firedAt() != null ? a.firedAt() : a.activeAt();
        String out = since == null ? "" : Html.escape(context.time(since));
        if (a.state() == AlertState.RESOLVED && a.resolvedAt() != null && !a.notice()) {
            out += (out.isEmpty() ? "" : "<br>") + "resolved " + Html.escape(context.time(a.resolvedAt()));
        }
        return out;
    }

    private static String action(Alert a, MessageContext context, boolean links) {
        if (a.acknowledged()) {
            return "<span style=\"" + Html.MUTED + "\">acknowledged by " + Html.escape(a.ack().by()) + "</span>";
        }
        if (links && AlertText.acknowledgeable(a)) {
            return "<a href=\"" + Html.escape(context.ackUrl(a.id())) + "\">Acknowledge</a>";
        }
        return "";
    }
}
