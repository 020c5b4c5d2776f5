package io.vigil.web;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String field) {

    public Problem(URI type, String title, int status, String detail, String instance) {
        this(type, title, status, detail, instance, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
