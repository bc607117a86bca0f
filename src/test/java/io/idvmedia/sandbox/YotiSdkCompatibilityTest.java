package io.idvmedia.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.yoti.api.client.FileKeyPairSource;
import com.yoti.api.client.Media;
import com.yoti.api.client.docs.DocScanClient;
import com.yoti.api.client.docs.DocScanException;
import com.yoti.api.client.docs.session.retrieve.GetSessionResult;
import io.idvmedia.testing.Sandbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Yoti Java SDK, pointed at the sandbox with its documented base-URL property, gets a session and
 * its media content and deletes the session: the sandbox speaks Yoti's protocol, not just our client's.
 */
@QuarkusTest
class YotiSdkCompatibilityTest {

    private static final String DOCS_URL_PROPERTY = "yoti.docs.url";

    @Inject
    YotiSandboxData sandbox;

    private String previous;

    @BeforeEach
    void pointTheSdkAtTheSandbox() {
        sandbox.reset();
        previous = System.getProperty(DOCS_URL_PROPERTY);
        System.setProperty(DOCS_URL_PROPERTY, Sandbox.baseUrl() + YotiSandboxResource.BASE);
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(DOCS_URL_PROPERTY);
        } else {
            System.setProperty(DOCS_URL_PROPERTY, previous);
        }
    }

    private static DocScanClient client() {
        return DocScanClient.builder()
                .withClientSdkId("sandbox-sdk-id")
                .withKeyPairSource(FileKeyPairSource.fromFile(new File("target/sandbox/yoti-demo-key.pem")))
                .build();
    }

    @Test
    void shouldServeTheOfficialSdkASessionItsMediaAndADelete() throws Exception {
        DocScanClient client = client();

        GetSessionResult session = client.getSession(YotiSandboxData.COMPLETED);
        assertThat(session.getState()).isEqualTo("COMPLETED");
        assertThat(session.getSessionId()).isEqualTo(YotiSandboxData.COMPLETED);
        assertThat(session.getResources().getIdDocuments()).hasSize(1);
        assertThat(session.getChecks()).hasSize(3);

        Media media = client.getMediaContent(YotiSandboxData.COMPLETED, YotiSandboxData.FRONT_PAGE);
        assertThat(media.getMimeType()).isEqualTo("image/jpeg");
        assertThat(media.getContent()).startsWith(0xFF, 0xD8, 0xFF);

        client.deleteSession(YotiSandboxData.COMPLETED);
        assertThatThrownBy(() -> client.getSession(YotiSandboxData.COMPLETED)).isInstanceOf(DocScanException.class);
    }
}
