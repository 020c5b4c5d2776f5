package io.vigil.source.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageEndpointTest {

    @Test
    void aHostAndPortAsTheOlderMonitorGaveItBecomesAUrlBySecure() {
        assertThat(StorageEndpoint.parse("minio:9000", false).url()).isEqualTo("http://minio:9000");
        assertThat(StorageEndpoint.parse("minio.lab:9000", true).url()).isEqualTo("https://minio.lab:9000");
    }

    @Test
    void aUrlKeepsItsSchemeAndLosesCredentialsAndPath() {
        assertThat(StorageEndpoint.parse(" https://key:secret@minio.lab/some/path ", false).url())
                .isEqualTo("https://minio.lab");
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        assertThatThrownBy(() -> StorageEndpoint.parse("ftp://minio", false)).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> StorageEndpoint.parse("  ", false)).hasMessageContaining("empty");
    }
}
