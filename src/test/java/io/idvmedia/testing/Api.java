package io.idvmedia.testing;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * RestAssured aimed at the HTTP API. Quarkus aims RestAssured at the Lambda mock event server whenever that server
 * has a port of its own, as it does here; the Lambda handler tests post their events explicitly.
 */
public final class Api {

    /** Sends a grant matching the route's provider and session, unless the request sets Authorization itself. */
    private static final Filter GRANT = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            String grant = Grants.forPath(URI.create(request.getURI()).getRawPath());
            if (grant != null) {
                request.header("Authorization", "Bearer " + grant);
            }
        }
        return context.next(request, response);
    };

    private Api() {
    }

    /** A caller holding a grant for whatever session route it calls. */
    public static RequestSpecification given() {
        return anonymous().filter(GRANT);
    }

    /** A caller sending only what the test sets: no grant unless the test adds one. */
    public static RequestSpecification anonymous() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return RestAssured.given().port(port).basePath("");
    }
}
