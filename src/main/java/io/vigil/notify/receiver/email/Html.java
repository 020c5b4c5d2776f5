package io.vigil.notify.receiver.email;

import java.util.List;

/**
 * The little HTML an email needs. Styles are inline only: mail clients drop style sheets, and an email loads nothing
 * from elsewhere.
 */
final class Html {

    static final String MUTED = "color:#57606a;";

    private Html() {
    }

    /** Text as HTML text, also safe inside a quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole document around {@code body} (markup), titled with {@code title} (text). */
    static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n</head>\n"
                + "<body style=\"margin:0;padding:16px;background:#ffffff;\">\n"
                + "<div style=\"font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:14px;"
                + "line-height:1.45;color:#1f2328;\">\n" + body.strip() + "\n</div>\n</body>\n</html>\n";
    }

    /** Text kept as it was written, line breaks and all. */
    static String preformatted(String text) {
        return "<div style=\"white-space:pre-wrap;font-family:Menlo,Consolas,monospace;font-size:13px;\">" + escape(text.strip())
                + "</div>";
    }

    static String paragraph(String text) {
        return "<p style=\"margin:0 0 12px;\">" + escape(text) + "</p>";
    }

    /** {@code heading} (text) over a list of {@code items} (text). */
    static String list(String heading, List<String> items) {
        StringBuilder out = new StringBuilder("<p style=\"margin:12px 0 4px;\">").append(escape(heading))
                .append("</p>\n<ul style=\"margin:0;\">");
        items.forEach(i -> out.append("<li>").append(escape(i)).append("</li>"));
        return out.append("</ul>").toString();
    }
}
