package io.idvmedia.access;

import static io.idvmedia.testing.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;

import io.idvmedia.sandbox.YotiSandboxData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explicit open mode, for a private network: every caller is trusted. */
@QuarkusTest
@TestProfile(OpenAccessTest.Open.class)
class OpenAccessTest {

    /** The explicit open mode. */
    public static class Open implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("idv.access.mode", "open");
        }
    }

    @Test
    void shouldTrustEveryCaller() {
        anonymous().get("/v1/yoti/sessions/" + YotiSandboxData.COMPLETED).then().statusCode(200)
                .body("session_id", equalTo(YotiSandboxData.COMPLETED));
    }
}
