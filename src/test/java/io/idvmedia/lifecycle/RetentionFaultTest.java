package io.idvmedia.lifecycle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.idvmedia.testing.WireMockProvider;
import io.idvmedia.testing.WireMockYoti;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider that rate limits a purge's delete (429) leaves the session due: the next run deletes it. */
@QuarkusTest
@WithTestResource(WireMockYoti.class)
@TestProfile(RetentionFaultTest.OwnStore.class)
class RetentionFaultTest {

    private static final String SID = "6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";
    private static final String SESSION_PATH = WireMockYoti.BASE_PATH + "/sessions/" + SID;

    /** A local store of its own: what other tests registered is not due here. */
    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.media.local.dir", RetentionContract.freshStore());
        }
    }

    @WireMockProvider.InjectWireMock
    WireMockServer wireMock;

    @Inject
    RetentionPurge purge;

    @Inject
    SessionRegistry registry;

    @Inject
    ReceiptsOperation receipts;

    @Test
    void shouldLeaveARateLimitedSessionDueAndDeleteItOnTheNextRun() throws Exception {
        // GIVEN a completed session, due at once, and Yoti rate limiting deletes
        registry.seen("yoti", SID, true);
        Thread.sleep(20);
        wireMock.stubFor(delete(urlPathEqualTo(SESSION_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/json").withBody("{}")));
        Map<String, Duration> due = Map.of("yoti", Duration.ZERO);

        // WHEN a purge runs, THEN the session is left due, with no receipt
        PurgeReport limited = purge.run(due, false, 100);
        assertThat(limited.leftDue()).containsExactly("yoti/" + SID);
        assertThat(limited.deleted()).isEmpty();
        assertThat(receipts.list("yoti", SID).receipts()).isEmpty();
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo(SESSION_PATH)));

        // WHEN Yoti accepts deletes again, THEN the next run deletes it, with its receipt
        wireMock.stubFor(delete(urlPathEqualTo(SESSION_PATH)).willReturn(aResponse().withStatus(204)));
        PurgeReport next = purge.run(due, false, 100);
        assertThat(next.deleted()).containsExactly("yoti/" + SID);
        assertThat(next.leftDue()).isEmpty();
        assertThat(receipts.list("yoti", SID).receipts()).hasSize(1);
        wireMock.verify(2, deleteRequestedFor(urlPathEqualTo(SESSION_PATH)));
        assertThat(registry.find("yoti", SID)).get().satisfies(r -> assertThat(r.state()).isEqualTo("deleted"));

        // AND nothing is due any more
        assertThat(purge.run(due, false, 100).deleted()).isEmpty();
        wireMock.verify(2, deleteRequestedFor(urlPathEqualTo(SESSION_PATH)));
    }
}
