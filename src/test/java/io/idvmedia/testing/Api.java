package io.idvmedia.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * RestAssured aimed at the HTTP API. Quarkus aims RestAssured at the Lambda mock event server whenever that server
 * has a port of its own, as it does here; the Lambda handler tests post their events explicitly.
 */
public final class Api {

    private Api() {
    }

    public static RequestSpecification given() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return RestAssured.given().port(port).basePath("");
    }
}
