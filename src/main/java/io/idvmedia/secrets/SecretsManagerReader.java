package io.idvmedia.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.aws.JsonProtocol;
import io.idvmedia.aws.SignedHttp;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;

/**
 * Secrets Manager's {@code GetSecretValue}, one signed JSON request over the JDK's HTTP client: the AWS SDK's
 * credentials providers, its Signature Version 4 signer and its endpoint rules for Secrets Manager, without its
 * client pipeline, which a function would load (about a thousand classes, a few hundred milliseconds of a cold start)
 * for this one call. Throttling, 5xx answers and broken connections are tried again, three attempts in all with
 * jittered exponential back-off, as the SDK's standard retry mode does.
 */
final class SecretsManagerReader {

    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final JsonProtocol secretsManager;
    private final ObjectMapper json;

    SecretsManagerReader(URI endpoint, String region, AwsCredentialsProvider credentials, ObjectMapper json) {
        this.secretsManager = new JsonProtocol("Secrets Manager", "secretsmanager", endpoint, region, CONTENT_TYPE,
                credentials, json);
        this.json = json;
    }

    /**
     * The region from {@code idv.secrets.aws.region} or the SDK's lookup ({@code AWS_REGION}, which Lambda sets, then
     * the profile and the instance's metadata); the endpoint from {@code idv.secrets.aws.endpoint} or Secrets
     * Manager's endpoint rules for that region (its partition's domain); the credentials from the environment where
     * Lambda puts them, else the SDK's default chain.
     */
    static SecretsManagerReader configured(SecretsConfig.Aws aws, ObjectMapper json) {
        String region = SignedHttp.region(aws.region());
        URI endpoint = aws.endpoint().orElseGet(() -> SecretsManagerEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(Region.of(region))).join().url());
        return new SecretsManagerReader(endpoint, region, SignedHttp.defaultCredentials(), json);
    }

    /**
     * The secret's current {@code SecretString}.
     *
     * @throws SecretUnavailableException naming the error's type (never its message, which may quote the ARN)
     */
    String secretString(SecretReference reference) {
        JsonNode answer;
        try {
            answer = secretsManager.call(TARGET, json.createObjectNode().put("SecretId", reference.location()));
        } catch (JsonProtocol.CallFailure e) {
            throw new SecretUnavailableException(reference,
                    "ResourceNotFoundException".equals(e.type()) ? "no such secret" : e.getMessage(), e.getCause());
        } catch (SdkException e) {
            throw new SecretUnavailableException(reference, "no AWS credentials or region ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        JsonNode value = answer.path("SecretString");
        if (!value.isTextual()) {
            throw new SecretUnavailableException(reference, "the secret has no string value", null);
        }
        return value.textValue();
    }
}
