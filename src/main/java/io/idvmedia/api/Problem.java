package io.idvmedia.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document, with the request id a caller quotes when asking about it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
