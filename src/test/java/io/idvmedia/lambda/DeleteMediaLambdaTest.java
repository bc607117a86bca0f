package io.idvmedia.lambda;

import static io.idvmedia.testing.LambdaEvents.apiGateway;
import static io.idvmedia.testing.LambdaEvents.invoke;
import static io.idvmedia.testing.LambdaEvents.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delete-media function, through the Lambda mock event server. */
@QuarkusTest
@TestProfile(HandlerProfiles.DeleteMedia.class)
class DeleteMediaLambdaTest {

    private static final String ROUTE = "/v1/{provider}/sessions/{sessionId}/media/{mediaId}";

    @Inject
    YotiSandboxData yoti;

    @Test
    void shouldDeleteAYotiMediaAndRefuseVeriffClearly() {
        yoti.reset();
        JsonNode yotiDelete = invoke(apiGateway("DELETE", ROUTE,
                path("yoti", YotiSandboxData.COMPLETED, YotiSandboxData.BACK_PAGE), Map.of(), Map.of()));
        JsonNode veriffDelete = invoke(apiGateway("DELETE", ROUTE,
                path("veriff", VeriffSandboxData.APPROVED, VeriffSandboxData.FACE), Map.of(), Map.of()));

        assertThat(yotiDelete.get("statusCode").asInt()).isEqualTo(200);
        assertThat(veriffDelete.get("statusCode").asInt()).isEqualTo(501);
        assertThat(veriffDelete.get("body").asText()).contains("not-supported-by-provider");
        JsonNode onfidoDelete = invoke(apiGateway("DELETE", ROUTE,
                path("onfido", OnfidoSandboxData.APPROVED, OnfidoSandboxData.LIVE_PHOTO), Map.of(), Map.of()));
        assertThat(onfidoDelete.get("statusCode").asInt()).isEqualTo(501);
        assertThat(onfidoDelete.get("body").asText()).contains("delete the whole session");
    }
}
