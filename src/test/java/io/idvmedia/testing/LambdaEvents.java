package io.idvmedia.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lambda events for the handler tests, and their delivery through the Quarkus Lambda mock event server: API
 * Gateway HTTP API (payload 2.0) events made from a real-shaped fixture, and direct-invocation events.
 */
public final class LambdaEvents {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private LambdaEvents() {
    }

    /**
     * An API Gateway event for a route, with its path parameters, query string and extra headers, carrying a grant
     * for the route's provider and session unless the headers set {@code authorization} themselves.
     */
    public static ObjectNode apiGateway(String method, String route, Map<String, String> pathParameters,
            Map<String, String> query, Map<String, String> headers) {
        ObjectNode event = anonymousApiGateway(method, route, pathParameters, query, headers);
        if (!headers.containsKey("authorization") && pathParameters.containsKey("sessionId")) {
            String grant = Grants.forPath("/v1/" + pathParameters.get("provider") + "/sessions/"
                    + pathParameters.get("sessionId"));
            ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + grant);
        }
        return event;
    }

    /** The same event with only the headers given: no grant unless they hold one. */
    public static ObjectNode anonymousApiGateway(String method, String route, Map<String, String> pathParameters,
            Map<String, String> query, Map<String, String> headers) {
        ObjectNode event = (ObjectNode) Fixtures.json("lambda/apigw-v2-event.json");
        String routeKey = method + " " + route;
        String path = route;
        for (Map.Entry<String, String> p : pathParameters.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        String rawQuery = query.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        event.put("routeKey", routeKey).put("rawPath", path).put("rawQueryString", rawQuery);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("routeKey", routeKey);
        ((ObjectNode) context.get("http")).put("method", method).put("path", path);
        ObjectNode params = event.putObject("pathParameters");
        pathParameters.forEach(params::put);
        if (query.isEmpty()) {
            event.remove("queryStringParameters");
        } else {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        headers.forEach((k, v) -> ((ObjectNode) event.get("headers")).put(k, v));
        return event;
    }

    /** The path parameters of a session, or of one of its media items. */
    public static Map<String, String> path(String provider, String sessionId, String mediaId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("provider", provider);
        params.put("sessionId", sessionId);
        if (mediaId != null) {
            params.put("mediaId", mediaId);
        }
        return params;
    }

    /** Invokes the profile's handler through the mock event server, as the Lambda service would. */
    public static JsonNode invoke(JsonNode event) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        try {
            HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/_lambda_"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Fixtures.json(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
