package io.idvmedia.lambda;

import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.media.MediaStores;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Fixtures;
import io.idvmedia.testing.Grants;
import io.idvmedia.testing.S3ProxyResource;
import io.idvmedia.testing.Sandbox;
import io.idvmedia.transfer.Transfer;
import io.idvmedia.transfer.Transfers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The get-media function, through the Lambda mock event server, against the sandboxes and S3Proxy. */
@QuarkusTest
@TestProfile(HandlerProfiles.GetMedia.class)
@WithTestResource(S3ProxyResource.class)
class GetMediaLambdaTest {

    @Inject
    Transfers transfers;

    @Inject
    YotiSandboxData yoti;

    @Inject
    MediaStores stores;

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}/media/{mediaId}";

    private static JsonNode get(String provider, String session, String media, Map<String, String> query) {
        return invoke(apiGateway("GET", ROUTE, path(provider, session, media), query, Map.of()));
    }

    @Test
    void shouldRefuseACallerOverItsShareOfTheInstancesTransfersAndServeAnother() {
        // GIVEN the default subject's share of this instance's transfers taken (as its other requests would)
        List<Transfer> held = new ArrayList<>();
        try {
            for (int i = 0; i < transfers.perCaller(); i++) {
                held.add(transfers.begin("sub:test-user-1"));
            }

            // WHEN it asks for a media inline
            JsonNode refused = get("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE, Map.of());

            // THEN it is refused with 429 and Retry-After, naming no one
            assertThat(refused.get("statusCode").asInt()).isEqualTo(429);
            assertThat(refused.at("/headers/Retry-After").asText()).isEqualTo("1");
            assertThat(refused.get("body").asText()).contains("urn:idv-media:problem:caller-busy")
                    .doesNotContain("test-user-1");

            // AND another subject's request for it is served
            Map<String, String> params = path("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE);
            String grant = Grants.forPath("/v1/yoti/sessions/" + YotiSandboxData.COMPLETED, "another-user");
            JsonNode served = invoke(apiGateway("GET", ROUTE, params, Map.of(), Map.of("authorization",
                    "Bearer " + grant)));
            assertThat(served.get("statusCode").asInt()).isEqualTo(200);
        } finally {
            held.forEach(Transfer::close);
        }
    }

    @Test
    void shouldAnswerASmallImageInlineAsBase64() {
        byte[] direct = Sandbox.yotiGet("/sessions/" + YotiSandboxData.COMPLETED + "/media/"
                + YotiSandboxData.FRONT_PAGE + "/content").body();

        JsonNode response = get("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE, Map.of());

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(response.at("/headers/Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(response.get("body").asText())).isEqualTo(direct);
    }

    @Test
    void shouldRedirectALargeVideoToAPresignedUrlOfAStagedCopy() throws Exception {
        yoti.reset();
        stores.store().deleteSession("yoti", YotiSandboxData.VIDEO);

        JsonNode response = get("yoti", YotiSandboxData.VIDEO, YotiSandboxData.VIDEO_MEDIA, Map.of());

        // The media was opened once (found too large to inline, then staged from that same answer), and the session
        // read once at most (for the media's kind)
        assertThat(yoti.reads(YotiSandboxData.VIDEO_MEDIA)).as("media opens").isEqualTo(1);
        assertThat(yoti.reads(YotiSandboxData.VIDEO)).as("session reads").isLessThanOrEqualTo(1);

        assertThat(response.get("statusCode").asInt()).isEqualTo(303);
        String location = response.at("/headers/Location").asText();
        assertThat(location).contains("X-Amz-Signature=").contains(YotiSandboxData.VIDEO_MEDIA);
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location))
                .header("Range", "bytes=0-1023").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue("Content-Type")).contains("video/mp4");
    }

    @Test
    void shouldAnswerTheUrlJsonForDeliveryUrlAndForDirectInvocations() {
        JsonNode response = get("veriff", VeriffSandboxData.APPROVED, VeriffSandboxData.FACE,
                Map.of("delivery", "url", "ttl", "120"));
        JsonNode url = Fixtures.json(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
        JsonNode direct = invoke(Fixtures.json(("{\"provider\":\"veriff\",\"sessionId\":\"" + VeriffSandboxData.APPROVED
                + "\",\"mediaId\":\"" + VeriffSandboxData.FACE + "\",\"delivery\":\"url\",\"ttlSeconds\":120}")
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(url.get("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(url.get("url").asText()).contains("X-Amz-Expires=120");
        assertThat(direct.get("sha256").asText()).isEqualTo(url.get("sha256").asText());
    }

    @Test
    void shouldAnswerADirectStreamOfASmallMediaAsBase64Json() {
        JsonNode direct = invoke(Fixtures.json(("{\"provider\":\"veriff\",\"sessionId\":\"" + VeriffSandboxData.APPROVED
                + "\",\"mediaId\":\"" + VeriffSandboxData.NFC + "\",\"delivery\":\"stream\"}")
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(direct.get("contentType").asText()).isEqualTo("application/json");
        assertThat(new String(Base64.getDecoder().decode(direct.get("base64").asText()), StandardCharsets.UTF_8))
                .contains("chipAuthentication");
    }

    @Test
    void shouldPassNoContentAndProviderFailuresThrough() {
        JsonNode empty = get("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.EMPTY_ID_PHOTO, Map.of());
        JsonNode badlySigned = get("veriff", VeriffSandboxData.DECLINED, VeriffSandboxData.BADLY_SIGNED, Map.of());
        JsonNode otherSession = get("veriff", VeriffSandboxData.DECLINED, VeriffSandboxData.FACE, Map.of());

        assertThat(empty.get("statusCode").asInt()).isEqualTo(204);
        assertThat(badlySigned.get("statusCode").asInt()).isEqualTo(502);
        assertThat(badlySigned.at("/headers/Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(otherSession.get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void shouldServeOnfidoMediaInlineAndRefuseAnotherApplicantsMedia() {
        byte[] direct = Sandbox.onfidoGet("/live_photos/" + OnfidoSandboxData.LIVE_PHOTO + "/download").body();

        JsonNode photo = get("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.LIVE_PHOTO, Map.of());
        JsonNode foreign = get("onfido", OnfidoSandboxData.AWAITING_INPUT, OnfidoSandboxData.LIVE_PHOTO, Map.of());

        assertThat(photo.get("statusCode").asInt()).isEqualTo(200);
        assertThat(photo.at("/headers/Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(photo.get("body").asText())).isEqualTo(direct);
        assertThat(foreign.get("statusCode").asInt()).isEqualTo(404);
        assertThat(foreign.at("/headers/Content-Type").asText()).isEqualTo("application/problem+json");
    }

    @Test
    void shouldServeSumsubMediaInlineAndRefuseAnotherApplicantsMedia() {
        byte[] direct = Sandbox.sumsubGet("/resources/applicants/" + SumsubSandboxData.APPROVED + "/resources/"
                + SumsubSandboxData.SELFIE).body();

        JsonNode selfie = get("sumsub", SumsubSandboxData.APPROVED, SumsubSandboxData.SELFIE, Map.of());
        JsonNode foreign = get("sumsub", SumsubSandboxData.APPROVED, SumsubSandboxData.PASSPORT, Map.of());

        assertThat(selfie.get("statusCode").asInt()).isEqualTo(200);
        assertThat(selfie.at("/headers/Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(selfie.get("body").asText())).isEqualTo(direct);
        assertThat(foreign.get("statusCode").asInt()).isEqualTo(404);
        assertThat(foreign.at("/headers/Content-Type").asText()).isEqualTo("application/problem+json");
    }
}
