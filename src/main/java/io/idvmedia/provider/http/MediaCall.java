package io.idvmedia.provider.http;

import java.util.List;

/**
 * A request for a media body, named by the method of the provider's REST client interface that declares its path
 * (the media transport builds the URI from that declaration).
 *
 * @param apiMethod the interface method, e.g. {@code mediaContent}
 * @param pathParams the values of its path parameters, in the order they appear in its path
 * @param subject the media id
 * @param what what is asked for, for the detail of a 404
 */
public record MediaCall(String apiMethod, List<String> pathParams, String subject, String what) {
}
