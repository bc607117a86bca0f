package io.idvmedia.provider.http;

import java.util.List;

/**
 * A request for a media body, by the path template its provider's API declares (a typed constant, e.g.
 * {@code YotiApi.MEDIA_CONTENT}, which the REST client interface's {@code @Path} uses too).
 *
 * @param path the path template under the provider's base URL
 * @param pathParams the values of its path parameters, in the order they appear in its path
 * @param subject the media id
 * @param what what is asked for, for the detail of a 404
 */
public record MediaCall(String path, List<String> pathParams, String subject, String what) {
}
