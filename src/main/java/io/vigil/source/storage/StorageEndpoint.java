package io.vigil.source.storage;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the storage server is, from a URL ({@code https://minio.lab:9000}) or a bare {@code host[:port]} as the older
 * monitor's {@code MONITORING_MINIO_ENDPOINT} gave it (with {@code MONITORING_MINIO_SECURE} for TLS).
 *
 * @param url scheme, host and port only: no credentials, no path
 */
record StorageEndpoint(String url) {

    static StorageEndpoint parse(String endpoint, boolean secure) {
        String text = endpoint.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the storage endpoint is empty");
        }
        if (!text.contains("://")) {
            text = (secure ? "https://" : "http://") + text;
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("the storage endpoint must be http(s)://host[:port] or host[:port]");
            }
            return new StorageEndpoint(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null).toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the storage endpoint is not a URL or host:port: " + e.getReason(), e);
        }
    }

    @Override
    public String toString() {
        return url;
    }
}
