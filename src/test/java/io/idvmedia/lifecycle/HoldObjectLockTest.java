package io.idvmedia.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockS3;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A legal hold in a bucket with S3 Object Lock, as S3 answers (S3Proxy knows no Object Lock): placing it sets the
 * Object Lock legal hold of every version of the session's archived copies; releasing it clears them, then the record.
 */
@QuarkusTest
@WithTestResource(WireMockS3.class)
@TestProfile(HoldObjectLockTest.Locked.class)
class HoldObjectLockTest {

    private static final String SESSION = YotiSandboxData.COMPLETED;
    private static final String ARCHIVE = "archive/yoti/" + SESSION + "/";

    /** An archive in a bucket with Object Lock. */
    public static class Locked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.archive.enabled", "true", "idv.archive.object-lock", "true");
        }
    }

    @WireMockProvider.InjectWireMock
    WireMockServer s3;

    @Test
    void shouldLockEveryVersionOfTheArchivedCopiesWhileHeldAndUnlockThemOnRelease() {
        // GIVEN an archived copy in two versions and its manifest, beside a delete marker
        String bucket = "/" + WireMockS3.BUCKET;
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        s3.stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(204)));
        s3.stubFor(get(urlPathEqualTo(bucket)).withQueryParam("versions", matching(".*"))
                .withQueryParam("prefix", matching(ARCHIVE)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/xml").withBody("<ListVersionsResult><Name>"
                                + WireMockS3.BUCKET + "</Name><Prefix>" + ARCHIVE + "</Prefix><IsTruncated>false"
                                + "</IsTruncated>" + version("v1", "") + version("v2", "") + version("m1",
                                ".manifest.json") + "<DeleteMarker><Key>" + ARCHIVE + "gone</Key><VersionId>d1"
                                + "</VersionId><IsLatest>true</IsLatest></DeleteMarker></ListVersionsResult>")));

        // WHEN a hold is placed
        given().contentType("application/json").body("{\"reason\":\"Court order\"}").when()
                .put("/v1/yoti/sessions/" + SESSION + "/hold").then().statusCode(200);

        // THEN the record is written first, then each version (not the delete marker) gets a legal hold ON
        List<LoggedRequest> on = legalHolds("ON");
        assertThat(on).extracting(r -> r.queryParameter("versionId").firstValue())
                .containsExactlyInAnyOrder("v1", "v2", "m1");
        assertThat(on).allSatisfy(r -> assertThat(r.containsHeader("Content-MD5")
                || r.getHeaders().keys().stream().anyMatch(h -> h.toLowerCase().startsWith("x-amz-checksum-")))
                .as("a digest S3 requires of PutObjectLegalHold").isTrue());
        List<LoggedRequest> puts = s3.findAll(putRequestedFor(anyUrl()));
        assertThat(puts.get(0).getUrl()).contains("/records/holds/yoti/" + SESSION + ".json");

        // WHEN it is released, THEN every version's legal hold is cleared, and the record removed
        given().when().delete("/v1/yoti/sessions/" + SESSION + "/hold").then().statusCode(200);
        assertThat(legalHolds("OFF")).extracting(r -> r.queryParameter("versionId").firstValue())
                .containsExactlyInAnyOrder("v1", "v2", "m1");
    }

    private List<LoggedRequest> legalHolds(String status) {
        return s3.findAll(putRequestedFor(urlPathMatching("/" + WireMockS3.BUCKET + "/" + ARCHIVE + ".*"))
                .withQueryParam("legal-hold", matching(".*")).withRequestBody(containing("<Status>" + status
                        + "</Status>")));
    }

    private static String version(String id, String suffix) {
        return "<Version><Key>" + ARCHIVE + YotiSandboxData.FRONT_PAGE + suffix + "</Key><VersionId>" + id
                + "</VersionId><IsLatest>false</IsLatest><Size>3</Size></Version>";
    }
}
