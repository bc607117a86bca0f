package io.idvmedia.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The server's metrics at {@code /q/metrics} (Prometheus format): requests by operation, provider and status class,
 * bytes delivered, provider latency, grant denials; labelled with names only, never an id.
 */
@QuarkusTest
class MetricsTest {

    @Test
    void shouldCountRequestsProviderCallsAndDenialsByNameOnly() {
        // GIVEN a session read, a media streamed, and a request without a grant
        String session = "/v1/yoti/sessions/" + YotiSandboxData.COMPLETED;
        double before = requests("get-session", "yoti", "2xx");
        Api.given().get(session).then().statusCode(200);
        Api.given().queryParam("delivery", "stream").get(session + "/media/" + YotiSandboxData.FRONT_PAGE).then()
                .statusCode(200);
        Api.anonymous().get(session).then().statusCode(401);

        // WHEN the metrics are scraped
        String metrics = scrape();

        // THEN each is counted under its operation, provider and status class
        assertThat(requests("get-session", "yoti", "2xx")).isEqualTo(before + 1);
        assertThat(value(metrics, "idv_bytes_delivered_bytes_total{", "operation=\"get-media\"", "provider=\"yoti\""))
                .isPositive();
        assertThat(value(metrics, "idv_provider_latency_seconds_count{", "outcome=\"ok\"", "provider=\"yoti\""))
                .isPositive();
        assertThat(value(metrics, "idv_grant_denials_total{", "operation=\"get-session\"")).isPositive();
        assertThat(value(metrics, "idv_requests_total{", "operation=\"get-session\"", "status_class=\"4xx\""))
                .isPositive();
        // AND no series carries an id, ours or the framework's (no per-path HTTP series)
        assertThat(metrics.lines()).noneMatch(l -> l.contains(YotiSandboxData.COMPLETED)
                || l.contains(YotiSandboxData.FRONT_PAGE) || l.contains("/v1/"));
    }

    private static double requests(String operation, String provider, String statusClass) {
        return value(scrape(), "idv_requests_total{", "operation=\"" + operation + "\"", "provider=\"" + provider
                + "\"", "status_class=\"" + statusClass + "\"");
    }

    private static String scrape() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The summed value of the series whose line starts with {@code name} and holds every label given. */
    private static double value(String metrics, String name, String... labels) {
        return metrics.lines().filter(l -> l.startsWith(name))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
