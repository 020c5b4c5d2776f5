package io.vigil.notify.receiver.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A receiver's URL, split into what the request needs and what may be shown. A webhook address is a secret as a whole
 * (Slack's carries its token in the path, others in the query or as {@code user:password@}), so people only ever see
 * {@code scheme://host[:port]/…}; the userinfo becomes an HTTP Basic {@code Authorization} header instead of staying
 * in the URL, where the HTTP client would silently drop it.
 */
public final class ReceiverAddress {

    private final String target;
    private final String shown;
    private final String authorization;
    /** The whole address as configured and as requested: shown as {@link #shown}. */
    private final List<String> whole;
    /** Path, query and userinfo, raw and decoded: shown as "…". */
    private final List<String> parts;

    private ReceiverAddress(String target, String shown, String authorization, List<String> whole, List<String> parts) {
        this.target = target;
        this.shown = shown;
        this.authorization = authorization;
        this.whole = whole;
        this.parts = parts;
    }

    /**
     * @throws IllegalArgumentException when it is not an http(s) URL with a host; the message never repeats the URL
     */
    public static ReceiverAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "is not a valid URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http or https address");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host name");
        }
        String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        String rawPath = (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String target = scheme + "://" + hostPort + rawPath;

        List<String> parts = new ArrayList<>();
        if (rawPath.length() > 1) {
            parts.add(rawPath);
            parts.add(decode(rawPath));
        }
        String authorization = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            parts.add(userInfo);
            parts.add(user + ":" + password);
        }
        return new ReceiverAddress(target, scheme + "://" + hostPort + "/…", authorization,
                longestFirst(List.of(url.trim(), target)), longestFirst(parts));
    }

    /** Where the request goes: the URL without its userinfo. Never show it. */
    public String target() {
        return target;
    }

    /** {@code scheme://host[:port]/…}: all of the address that may be shown. */
    public String shown() {
        return shown;
    }

    /** {@code Basic …} from the URL's userinfo, if it has one. */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /**
     * The text with every part of the address that may hold a secret replaced, for messages of HTTP clients and
     * servers that quote the request (Vert.x' timeout names the path, for one).
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String w : whole) {
            out = out.replace(w, shown);
        }
        for (String p : parts) {
            out = out.replace(p, "…");
        }
        return out;
    }

    @Override
    public String toString() {
        return shown;
    }

    /** The longest first, so that a whole is replaced before a part of it. */
    private static List<String> longestFirst(List<String> texts) {
        return texts.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Percent-decoding as in a URL's path and userinfo, where '+' is a plus. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
