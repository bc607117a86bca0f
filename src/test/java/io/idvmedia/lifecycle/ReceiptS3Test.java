package io.idvmedia.lifecycle;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.idvmedia.sandbox.YotiSandboxData;
import io.idvmedia.testing.S3ProxyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Erasure receipts kept in S3 (S3Proxy), under the records' prefix, one object per instruction. */
@QuarkusTest
@WithTestResource(S3ProxyResource.class)
class ReceiptS3Test extends ReceiptContract {

    @S3ProxyResource.InjectS3
    S3Client s3;

    @Override
    String copyKeyPrefix() {
        return "staged/";
    }

    @Test
    void shouldKeepOneReceiptObjectPerInstructionUnderTheRecordsPrefix() {
        String path = "/v1/yoti/sessions/" + YotiSandboxData.UNKNOWN_TYPES;
        String instruction = UUID.randomUUID().toString();
        String receiptId = given().header("Idempotency-Key", instruction).when().delete(path).then().statusCode(200)
                .extract().path("receiptId");
        given().header("Idempotency-Key", instruction).when().delete(path).then().statusCode(200);

        List<S3Object> kept = s3.listObjectsV2(b -> b.bucket(S3ProxyResource.BUCKET)
                .prefix("records/receipts/yoti/" + YotiSandboxData.UNKNOWN_TYPES + "/")).contents();
        assertThat(kept).hasSize(1);
        String stored = s3.getObjectAsBytes(b -> b.bucket(S3ProxyResource.BUCKET).key(kept.get(0).key()))
                .asUtf8String();
        assertThat(stored).contains(receiptId);
        assertThat(kept.get(0).key()).doesNotContain(instruction);
    }
}
