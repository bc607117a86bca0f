package io.idvmedia.provider.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call to a provider, before it is signed: a method, a path template of the provider's API (a typed constant of
 * its {@code *Api} class, e.g. {@code YotiApi.SESSION}) with its parameters, and query parameters. Each parameter is
 * percent-encoded as one path segment or one query value, so that no id can reach another path.
 *
 * @param method {@code GET} or {@code DELETE}
 * @param path the path template under the provider's base URL, its parameters in braces
 * @param pathParams the values of its parameters, in the order they appear in it
 * @param query query parameters, in order
 * @param subject the id the call is about
 * @param what what the call reads or deletes, for the detail of a 404 (e.g. {@code Session 123})
 */
public record ProviderCall(String method, String path, List<String> pathParams, Map<String, String> query,
        String subject, String what) {

    private static final Pattern PARAMETER = Pattern.compile("\\{[^/{}]+}");

    public ProviderCall {
        pathParams = List.copyOf(pathParams);
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** A GET of {@code path} with these parameters. */
    public static ProviderCall get(String path, List<String> pathParams, String subject, String what) {
        return new ProviderCall("GET", path, pathParams, Map.of(), subject, what);
    }

    /** A DELETE of {@code path} with these parameters. */
    public static ProviderCall delete(String path, List<String> pathParams, String subject, String what) {
        return new ProviderCall("DELETE", path, pathParams, Map.of(), subject, what);
    }

    /** The same call with a query parameter added. */
    public ProviderCall withQuery(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value);
        return new ProviderCall(method, path, pathParams, more, subject, what);
    }

    /** Where the call goes under {@code base}: its path expanded, its query appended, both encoded. */
    public URI uri(URI base) {
        Matcher m = PARAMETER.matcher(path);
        StringBuilder expanded = new StringBuilder();
        int next = 0;
        while (m.find()) {
            if (next >= pathParams.size()) {
                throw new IllegalArgumentException("Too few parameters for " + path);
            }
            m.appendReplacement(expanded, Matcher.quoteReplacement(encode(pathParams.get(next++))));
        }
        m.appendTail(expanded);
        if (next != pathParams.size()) {
            throw new IllegalArgumentException("Too many parameters for " + path);
        }
        StringBuilder uri = new StringBuilder(base.toString());
        while (uri.length() > 0 && uri.charAt(uri.length() - 1) == '/') {
            uri.setLength(uri.length() - 1);
        }
        uri.append(expanded);
        String separator = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(separator).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            separator = "&";
        }
        return URI.create(uri.toString());
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters (the JDK's form encoding, made RFC 3986's). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
