package io.idvmedia.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A legal hold keeps a session's copies past their lifetimes, as S3 answers (S3Proxy knows neither Object Lock nor
 * object tags): placing it tags every current copy (staged and archived) so that no expiry rule selects it, and sets
 * the Object Lock legal hold of every version of the archived copies; releasing it undoes both, then removes the
 * record.
 */
@QuarkusTest
@WithTestResource(WireMockS3.class)
@TestProfile(HoldKeepsCopiesTest.Locked.class)
class HoldKeepsCopiesTest {

    private static final String SESSION = YotiSandboxData.COMPLETED;
    private static final String STAGED = "staged/yoti/" + SESSION + "/";
    private static final String ARCHIVE = "archive/yoti/" + SESSION + "/";

    /** An archive in a bucket with Object Lock, copies tagged for their expiry rules (as Terraform deploys). */
    public static class Locked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.archive.enabled", "true", "idv.archive.object-lock", "true",
                    "idv.media.s3.expiry-tags", "true");
        }
    }

    @WireMockProvider.InjectWireMock
    WireMockServer s3;

    @Test
    void shouldKeepEveryCopyFromExpiryWhileHeldAndGiveThemBackOnRelease() {
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
        listing(STAGED, List.of(YotiSandboxData.FRONT_PAGE, YotiSandboxData.FRONT_PAGE + ".manifest.json"));
        listing(ARCHIVE, List.of(YotiSandboxData.FRONT_PAGE, YotiSandboxData.FRONT_PAGE + ".manifest.json",
                "session.manifest.json"));

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
        // AND every current copy, staged or archived, is tagged so that no expiry rule selects it
        assertThat(tags("no")).containsExactlyInAnyOrder(STAGED + YotiSandboxData.FRONT_PAGE,
                STAGED + YotiSandboxData.FRONT_PAGE + ".manifest.json", ARCHIVE + YotiSandboxData.FRONT_PAGE,
                ARCHIVE + YotiSandboxData.FRONT_PAGE + ".manifest.json", ARCHIVE + "session.manifest.json");
        assertThat(tags("yes")).isEmpty();

        // WHEN it is released, THEN every copy is given back to its expiry rule and every version's legal hold is
        // cleared, before the record is removed
        s3.resetRequests();
        given().when().delete("/v1/yoti/sessions/" + SESSION + "/hold").then().statusCode(200);
        assertThat(legalHolds("OFF")).extracting(r -> r.queryParameter("versionId").firstValue())
                .containsExactlyInAnyOrder("v1", "v2", "m1");
        assertThat(tags("yes")).hasSize(5);
        List<LoggedRequest> deletes = s3.findAll(deleteRequestedFor(anyUrl()));
        assertThat(deletes).extracting(LoggedRequest::getUrl).containsExactly("/" + WireMockS3.BUCKET
                + "/records/holds/yoti/" + SESSION + ".json");
        assertThat(deletes.get(0).getLoggedDate()).isAfterOrEqualTo(s3.findAll(putRequestedFor(anyUrl())).stream()
                .map(LoggedRequest::getLoggedDate).max(Comparator.naturalOrder()).orElseThrow());
    }

    private void listing(String prefix, List<String> names) {
        StringBuilder contents = new StringBuilder();
        names.forEach(name -> contents.append("<Contents><Key>").append(prefix).append(name)
                .append("</Key><Size>3</Size></Contents>"));
        s3.stubFor(get(urlPathEqualTo("/" + WireMockS3.BUCKET)).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo(prefix)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/xml").withBody("<ListBucketResult><Name>"
                                + WireMockS3.BUCKET + "</Name><Prefix>" + prefix + "</Prefix><KeyCount>"
                                + names.size() + "</KeyCount><IsTruncated>false</IsTruncated>" + contents
                                + "</ListBucketResult>")));
    }

    /** The keys tagged with this expiry tag value. */
    private List<String> tags(String value) {
        return s3.findAll(putRequestedFor(anyUrl()).withQueryParam("tagging", matching(".*"))
                .withRequestBody(containing("<Key>idv-expire</Key><Value>" + value + "</Value>"))).stream()
                .map(r -> r.getUrl().substring(WireMockS3.BUCKET.length() + 2, r.getUrl().indexOf('?')))
                .toList();
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
