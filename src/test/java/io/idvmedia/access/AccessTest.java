package io.idvmedia.access;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.idvmedia.testing.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.idvmedia.testing.AccessKeys;
import io.idvmedia.testing.AccessTestResource;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.LogCapture;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access gate on every HTTP route: each way a grant can be missing, forged, stale or too narrow answers its
 * status with a problem document and causes no provider call (WireMock plays both providers and counts); grants
 * signed with RS256, ES256 and HS256 keys of the JWK Set secret, or with the issuer's endpoint keys, work; keys
 * rotate by kid without a restart; every decision leaves an audit line.
 */
@QuarkusTest
@WithTestResource(AccessTestResource.class)
class AccessTest {

    static final String SID = "5b7e1c9a-3f2d-4e8b-9a6c-1d2e3f4a5b6c";
    static final String OTHER_SID = "6c8f2d0b-4a3e-4f9c-8b7d-2e3f4a5b6c7d";
    static final String MID = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    private LogCapture audit;

    @BeforeEach
    void setUp() {
        wireMock.resetAll();
        AccessTestResource.serveEndpointJwks(wireMock, false);
        AccessKeys.writeSecretJwks(false);
        audit = LogCapture.of(AuditLog.CATEGORY);
    }

    @AfterEach
    void tearDown() {
        audit.close();
    }

    /** The five routes: method, path, operation. */
    static Stream<Route> routes() {
        String session = "/v1/yoti/sessions/" + SID;
        return Stream.of(new Route("GET", session, "get-session"), new Route("GET", session + "/media", "list-media"),
                new Route("GET", session + "/media/" + MID, "get-media"),
                new Route("DELETE", session, "delete-session"),
                new Route("DELETE", session + "/media/" + MID, "delete-media"));
    }

    /** A grant valid for every route, signed with the EC key of the JWK Set secret. */
    static Grants.Builder valid() {
        return Grants.builder().claim("iss", AccessKeys.ISSUER).provider("yoti").sessions(SID)
                .key(AccessKeys.ec().getPrivateKey(), "ec-1", AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    static Stream<Arguments> rejections() {
        List<Rejection> cases = List.of(
                new Rejection("no Authorization header", () -> null, 401, "invalid-grant"),
                new Rejection("not a bearer scheme", () -> "Basic dXNlcjpwYXNz", 401, "invalid-grant"),
                new Rejection("not a JWS", () -> "Bearer not.a.jws", 401, "invalid-grant"),
                new Rejection("alg none", () -> "Bearer " + valid().key(null, null, "none").sign(), 401,
                        "invalid-grant"),
                new Rejection("HS256 signed with the RSA public key (algorithm confusion)", () -> "Bearer " + valid()
                        .key(new HmacKey(AccessKeys.rsa().getPublicKey().getEncoded()), "rsa-1",
                                AlgorithmIdentifiers.HMAC_SHA256).sign(), 401, "invalid-grant"),
                new Rejection("unknown kid", () -> "Bearer " + valid().key(AccessKeys.ec().getPrivateKey(), "nope-9",
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign(), 401, "invalid-grant"),
                new Rejection("bad signature (a forger's key with a trusted kid)", () -> "Bearer " + valid()
                        .key(AccessKeys.forgedEc().getPrivateKey(), "ec-1",
                                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign(), 401, "invalid-grant"),
                new Rejection("expired", () -> "Bearer " + valid().lifetime(400, -100).sign(), 401, "invalid-grant"),
                new Rejection("overlong (1 h)", () -> "Bearer " + valid().lifetime(0, 3600).sign(), 401,
                        "invalid-grant"),
                new Rejection("wrong issuer", () -> "Bearer " + valid().claim("iss", "https://evil.test").sign(), 401,
                        "invalid-grant"),
                new Rejection("wrong audience", () -> "Bearer " + valid().claim("aud", "another-api").sign(), 401,
                        "invalid-grant"),
                new Rejection("HMAC key served by the JWKS endpoint", () -> "Bearer " + valid()
                        .key(AccessKeys.endpointHmac().getKey(), "url-hs-1", AlgorithmIdentifiers.HMAC_SHA256).sign(),
                        401, "invalid-grant"),
                new Rejection("wrong provider", () -> "Bearer " + valid().provider("veriff").sign(), 403,
                        "grant-insufficient"),
                new Rejection("session not in the grant", () -> "Bearer " + valid().sessions(OTHER_SID).sign(), 403,
                        "grant-insufficient"));
        List<Arguments> arguments = new ArrayList<>();
        routes().forEach(route -> cases.forEach(rejection -> arguments.add(Arguments.of(route, rejection))));
        // The operation must be granted too: a grant for every other operation is refused.
        routes().forEach(route -> arguments.add(Arguments.of(route, new Rejection("operation not in the grant",
                () -> "Bearer " + valid().operations(Grants.ALL_OPERATIONS.stream()
                        .filter(op -> !op.equals(route.operation())).toArray(String[]::new)).sign(), 403,
                "grant-insufficient"))));
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejections")
    void shouldRefuseBeforeAnyProviderCall(Route route, Rejection rejection) throws Exception {
        // GIVEN a caller with a grant that is missing, forged, stale or too narrow
        String authorization = rejection.authorization().get();

        // WHEN it calls the route
        Response response = route.send(authorization == null ? anonymous()
                : anonymous().header("Authorization", authorization));

        // THEN it is refused with a problem that names the failure without echoing the grant
        assertThat(response.statusCode()).isEqualTo(rejection.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:idv-media:problem:" + rejection.type());
        assertThat(response.jsonPath().getString("detail")).isNotBlank();
        if (authorization != null && authorization.length() > 20) {
            assertThat(response.asString()).doesNotContain(authorization.substring(authorization.length() - 20));
        }
        if (rejection.status() == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        }
        // AND neither provider was called
        assertThat(providerCalls()).isEmpty();
        // AND the refusal is audited
        assertThat(auditLines()).anySatisfy(line -> assertThat(line).contains("\"outcome\":\"denied\"")
                .contains("\"operation\":\"" + route.operation() + "\"").contains("\"status\":" + rejection.status()));
    }

    @Test
    void shouldNameTheGrantsSubjectAndJtiWhenAVerifiedGrantIsRefused() throws Exception {
        // GIVEN a valid grant for another session
        String grant = valid().sessions(OTHER_SID).claim("jti", "jti-refused-7").sign();

        // WHEN it is used for this session
        anonymous().header("Authorization", "Bearer " + grant).when().get("/v1/yoti/sessions/" + SID)
                .then().statusCode(403);

        // THEN the audit line says whose grant was refused, and why
        assertThat(auditLines()).anySatisfy(line -> assertThat(line).contains("\"status\":403")
                .contains("\"outcome\":\"denied\"").contains("\"check\":\"session-not-granted\"")
                .contains("\"subject\":\"test-user-1\"").contains("\"jti\":\"jti-refused-7\""));
        assertThat(providerCalls()).isEmpty();
    }

    @Test
    void shouldSayWhichCheckFailed() {
        assertThat(detail(valid().lifetime(400, -100).sign())).contains("expired");
        assertThat(detail(valid().key(null, null, "none").sign())).contains("algorithm");
        assertThat(detail(valid().claim("aud", "x").sign())).contains("audience");
        assertThat(detail(valid().claim("iss", "x").sign())).contains("issuer");
        assertThat(detail(valid().lifetime(0, 3600).sign())).contains("longer");
        assertThat(detail(valid().key(AccessKeys.ec().getPrivateKey(), "nope-9",
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign())).contains("kid");
        assertThat(detail(valid().key(AccessKeys.forgedEc().getPrivateKey(), "ec-1",
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign())).contains("signature");
        assertThat(detail(valid().sessions(OTHER_SID).sign())).contains("session");
    }

    @Test
    void shouldAcceptGrantsSignedWithRsaEcAndHmacKeys() throws Exception {
        stubSession();

        String rs256 = valid().key(AccessKeys.rsa().getPrivateKey(), "rsa-1", AlgorithmIdentifiers.RSA_USING_SHA256)
                .sign();
        String es256 = valid().sign();
        String hs256 = valid().key(AccessKeys.hmac().getKey(), "hs-1", AlgorithmIdentifiers.HMAC_SHA256).sign();
        String endpoint = valid().key(AccessKeys.endpointEc().getPrivateKey(), "url-ec-1",
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign();

        for (String grant : List.of(rs256, es256, hs256, endpoint)) {
            anonymous().header("Authorization", "Bearer " + grant).when().get("/v1/yoti/sessions/" + SID)
                    .then().statusCode(200);
        }
        assertThat(auditLines()).filteredOn(line -> line.contains("\"outcome\":\"completed\"")).hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("\"subject\":\"test-user-1\"")
                        .contains("\"sessionId\":\"" + SID + "\"").contains("\"channel\":\"http\"")
                        .contains("\"jti\":\"jti-").contains("\"status\":200"));
    }

    @Test
    void shouldPickUpAKeyAddedToTheJwkSetSecretByKid() {
        stubSession();
        String rotated = valid().key(AccessKeys.rotatedEc().getPrivateKey(), "ec-2",
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign();
        anonymous().header("Authorization", "Bearer " + rotated).get("/v1/yoti/sessions/" + SID).then()
                .statusCode(401);

        AccessKeys.writeSecretJwks(true);

        anonymous().header("Authorization", "Bearer " + rotated).get("/v1/yoti/sessions/" + SID).then()
                .statusCode(200);
    }

    @Test
    void shouldFetchTheIssuersKeysAgainForAnUnknownKid() {
        stubSession();
        String rotated = valid().key(AccessKeys.rotatedEndpointEc().getPrivateKey(), "url-ec-2",
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256).sign();
        anonymous().header("Authorization", "Bearer " + rotated).get("/v1/yoti/sessions/" + SID).then()
                .statusCode(401);

        AccessTestResource.serveEndpointJwks(wireMock, true);

        anonymous().header("Authorization", "Bearer " + rotated).get("/v1/yoti/sessions/" + SID).then()
                .statusCode(200);
    }

    @Test
    void shouldValidateTheRouteBeforeComparingItWithTheGrant() {
        String grant = "Bearer " + valid().sign();
        anonymous().header("Authorization", grant).get("/v1/yoti/sessions/not-a-uuid").then().statusCode(400);
        anonymous().header("Authorization", grant).get("/v1/acme/sessions/" + SID).then().statusCode(404);
        assertThat(providerCalls()).isEmpty();
    }

    @Test
    void shouldLeaveHealthAndOpenApiOpenAndDeclareTheBearerScheme() {
        anonymous().get("/q/health/ready").then().statusCode(200);
        String openapi = anonymous().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertThat(openapi).contains("\"bearerFormat\" : \"JWT\"").contains("\"grant\" : [ ]");
    }

    private String detail(String grant) {
        return anonymous().header("Authorization", "Bearer " + grant).get("/v1/yoti/sessions/" + SID).then()
                .extract().jsonPath().getString("detail");
    }

    private void stubSession() {
        wireMock.stubFor(get(urlPathEqualTo(WireMockYoti.BASE_PATH + "/sessions/" + SID)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"session_id\":\"" + SID + "\",\"state\":\"COMPLETED\"}")));
    }

    private List<ServeEvent> providerCalls() {
        return wireMock.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().startsWith(AccessTestResource.JWKS_PATH)).toList();
    }

    private List<String> auditLines() throws InterruptedException {
        // The line is written when the response has ended, which may be just after the client has read it.
        audit.await("\"audit\":\"idv-media\"");
        return audit.lines();
    }

    /** A route: its method, path and operation. */
    record Route(String method, String path, String operation) {
        Response send(RequestSpecification request) {
            return request.when().request(method, path);
        }

        @Override
        public String toString() {
            return operation;
        }
    }

    /** A way to be refused. */
    record Rejection(String name, Supplier<String> authorization, int status, String type) {
        @Override
        public String toString() {
            return name;
        }
    }
}
