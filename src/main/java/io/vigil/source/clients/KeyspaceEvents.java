package io.vigil.source.clients;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis keyspace notifications as Vigil needs them: which {@code notify-keyspace-events} flags make them reliable for
 * the watched keys, the flags to set to get there without dropping any already set, and the channels to listen on.
 */
final class KeyspaceEvents {

    /** Keyspace channel ({@code __keyspace@<db>__:<key>}) notifications. */
    static final char KEYSPACE = 'K';
    /** Generic (del, rename, expire), hash, set, list and expired events: every way the watched keys change. */
    static final String NEEDED_CLASSES = "ghslx";
    /** The alias of every event class; what Vigil adds when it enables notifications. */
    static final char ALL_CLASSES = 'A';

    private static final Pattern SELECT = Pattern.compile("(?:^|&)select=(\\d+)(?:&|$)");

    private KeyspaceEvents() {
    }

    /** Whether a server with these flags notifies every change of the watched keys on their keyspace channels. */
    static boolean sufficient(String flags) {
        return missing(flags).isEmpty();
    }

    /** The flags lacking for {@link #sufficient}, e.g. {@code "K, h"}; empty when none lacks. */
    static String missing(String flags) {
        String f = flags == null ? "" : flags;
        List<String> out = new ArrayList<>();
        if (f.indexOf(KEYSPACE) < 0) {
            out.add(String.valueOf(KEYSPACE));
        }
        if (f.indexOf(ALL_CLASSES) < 0) {
            for (char c : NEEDED_CLASSES.toCharArray()) {
                if (f.indexOf(c) < 0) {
                    out.add(String.valueOf(c));
                }
            }
        }
        return String.join(", ", out);
    }

    /** The flags to set so that notifications suffice: what is set, plus {@code K} and {@code A} where lacking. */
    static String withNeeded(String flags) {
        String f = flags == null ? "" : flags;
        if (sufficient(f)) {
            return f;
        }
        StringBuilder out = new StringBuilder(f);
        if (f.indexOf(KEYSPACE) < 0) {
            out.append(KEYSPACE);
        }
        if (f.indexOf(ALL_CLASSES) < 0) {
            out.append(ALL_CLASSES);
        }
        return out.toString();
    }

    /** The keyspace channels of the keys in a database. */
    static List<String> channels(int database, List<String> keys) {
        return keys.stream().map(key -> "__keyspace@" + database + "__:" + key).toList();
    }

    /**
     * The database a Redis URI selects: {@code redis://host:6379/5} and {@code unix:///run/redis.sock?select=5} are 5;
     * no database is 0.
     */
    static int database(String redisUri) {
        if (redisUri == null || redisUri.isBlank()) {
            return 0;
        }
        URI uri = URI.create(redisUri.trim());
        if (uri.getRawQuery() != null) {
            Matcher m = SELECT.matcher(uri.getRawQuery());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        String path = uri.getPath();
        if (!"unix".equals(uri.getScheme()) && path != null && path.length() > 1) {
            String db = path.substring(1);
            if (db.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(db);
            }
            throw new IllegalArgumentException("'" + db + "' in " + withoutCredentials(uri) + " is not a database number");
        }
        return 0;
    }

    /** host:port/db of a Redis URI, for messages: never the password. */
    static String address(String redisUri) {
        if (redisUri == null || redisUri.isBlank()) {
            return "(not configured)";
        }
        return withoutCredentials(URI.create(redisUri.trim()));
    }

    private static String withoutCredentials(URI uri) {
        if ("unix".equals(uri.getScheme())) {
            return uri.getPath();
        }
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/0" : uri.getPath();
        return uri.getHost() + ":" + port + path;
    }
}
