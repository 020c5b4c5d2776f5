package io.vigil.testing;

/** Edits of a JSON request body written as text, so that a test shows the body it sends. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The object {@code body} with its top-level {@code field} set to {@code value} (raw JSON): replaced where the field
     * is, added at the end where it is not. Never a key twice, unless a test writes one.
     */
    public static String with(String body, String field, String value) {
        String key = "\"" + field + "\":";
        int at = topLevel(body, key);
        if (at < 0) {
            String start = body.substring(0, body.lastIndexOf('}')).stripTrailing();
            return start + (start.endsWith("{") ? "" : ",") + key + value + "}";
        }
        int from = at + key.length();
        return body.substring(0, from) + value + body.substring(valueEnd(body, from));
    }

    /**
     * The object {@code body} with each member of {@code members} ({@code ,"a":1,"b":[2]}, the leading comma optional)
     * set {@linkplain #with as with}.
     */
    public static String merge(String body, String members) {
        String out = body;
        int i = 0;
        while (i < members.length()) {
            char c = members.charAt(i);
            if (c != '"') {
                i++;
                continue;
            }
            int nameEnd = members.indexOf("\":", i + 1);
            int end = valueEnd(members, nameEnd + 2);
            out = with(out, members.substring(i + 1, nameEnd), members.substring(nameEnd + 2, end));
            i = end;
        }
        return out;
    }

    /** Where the JSON value starting at {@code from} ends: at the comma or closing bracket after it, or the end. */
    private static int valueEnd(String text, int from) {
        int depth = 0;
        boolean quoted = false;
        int i = from;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return i;
    }

    /** Where {@code key} starts at the object's own level, or -1. */
    private static int topLevel(String body, String key) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                if (depth == 1 && body.startsWith(key, i)) {
                    return i;
                }
                quoted = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return -1;
    }
}
