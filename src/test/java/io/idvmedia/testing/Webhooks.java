package io.idvmedia.testing;

import static io.idvmedia.testing.Api.anonymous;

import io.idvmedia.provider.onfido.OnfidoWebhooks;
import io.idvmedia.provider.sumsub.SumsubApi;
import io.idvmedia.provider.veriff.VeriffApi;
import io.idvmedia.signing.Hmac;
import io.idvmedia.signing.HmacSha256;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Webhooks as the providers send them, for the tests. */
public final class Webhooks {

    public static final String YOTI_TOKEN = "sandbox-notification-token";
    public static final String VERIFF_API_KEY = "sandbox-api-key";

    private Webhooks() {
    }

    public static String veriffDecision(String sessionId, String status) {
        return "{\"status\":\"success\",\"verification\":{\"id\":\"" + sessionId + "\",\"code\":9001,\"status\":\""
                + status + "\",\"vendorData\":\"customer-42\"},\"technicalData\":{\"ip\":\"192.0.2.7\"}}";
    }

    public static String yotiNotification(String sessionId, String topic) {
        return "{\"session_id\":\"" + sessionId + "\",\"topic\":\"" + topic + "\"}";
    }

    public static ValidatableResponse postVeriff(String body, String secret) {
        return anonymous().header("X-AUTH-CLIENT", VERIFF_API_KEY)
                .header(VeriffApi.SIGNATURE_HEADER, HmacSha256.sign(secret, body.getBytes(StandardCharsets.UTF_8)))
                .contentType("application/json").body(body).when().post("/v1/veriff/webhooks").then();
    }

    public static ValidatableResponse postYoti(String body, String authorization) {
        return anonymous().header("Authorization", authorization).contentType("application/json").body(body)
                .when().post("/v1/yoti/webhooks").then();
    }

    public static String onfidoEvent(String runId, String action) {
        return "{\"payload\":{\"resource_type\":\"workflow_run\",\"action\":\"" + action + "\",\"object\":{\"id\":\""
                + runId + "\",\"status\":\"approved\",\"completed_at_iso8601\":\"2026-11-02T09:20:00Z\","
                + "\"href\":\"https://api.eu.onfido.com/v3.6/workflow_runs/" + runId + "\"}}}";
    }

    public static ValidatableResponse postOnfido(String body, String token) {
        return anonymous().header(OnfidoWebhooks.SIGNATURE_HEADER, HmacSha256.sign(token,
                body.getBytes(StandardCharsets.UTF_8))).contentType("application/json").body(body)
                .when().post("/v1/onfido/webhooks").then();
    }

    public static String sumsubReviewed(String applicantId, String reviewStatus) {
        return "{\"applicantId\":\"" + applicantId + "\",\"inspectionId\":\"6a0a1b2c3d4e5f60718293a4\","
                + "\"correlationId\":\"req-1\",\"levelName\":\"basic-kyc-level\",\"type\":\"applicantReviewed\","
                + "\"reviewStatus\":\"" + reviewStatus + "\",\"reviewResult\":{\"reviewAnswer\":\"GREEN\"}}";
    }

    /** A Sumsub webhook digested with the secret by the named algorithm ({@code HmacSHA256} for HMAC_SHA256_HEX). */
    public static ValidatableResponse postSumsub(String body, String secret, String algorithmHeader, String jca) {
        String digest = Hmac.sign(jca, secret, body.getBytes(StandardCharsets.UTF_8));
        RequestSpecification request = anonymous().header(SumsubApi.DIGEST_HEADER, digest)
                .contentType("application/json").body(body);
        if (algorithmHeader != null) {
            request.header(SumsubApi.DIGEST_ALGORITHM_HEADER, algorithmHeader);
        }
        return request.when().post("/v1/sumsub/webhooks").then();
    }

    public static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }
}
