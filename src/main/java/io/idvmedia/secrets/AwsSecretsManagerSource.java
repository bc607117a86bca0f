package io.idvmedia.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@code aws-secretsmanager:NAME-OR-ARN[#jsonField]}: the secret's string value, or one field of it when the
 * value is a JSON object. The client is created on first use, so a deployment that never names such a secret
 * never builds one (and nothing is captured in a snapshot).
 */
final class AwsSecretsManagerSource implements SecretSource {

    private final Supplier<SecretsManagerClient> clients;
    private final ObjectMapper json;
    private volatile SecretsManagerClient client;

    AwsSecretsManagerSource(Supplier<SecretsManagerClient> clients, ObjectMapper json) {
        this.clients = clients;
        this.json = json;
    }

    @Override
    public String read(SecretReference reference) {
        GetSecretValueResponse response;
        try {
            response = client().getSecretValue(b -> b.secretId(reference.location()));
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(reference, "no such secret", e);
        } catch (SdkException e) {
            throw new SecretUnavailableException(reference, "Secrets Manager call failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        String value = response.secretString();
        if (value == null) {
            throw new SecretUnavailableException(reference, "the secret has no string value", null);
        }
        if (reference.jsonField().isEmpty()) {
            return value;
        }
        String field = reference.jsonField().get();
        try {
            JsonNode node = json.readTree(value).get(field);
            if (node == null || node.isNull()) {
                throw new SecretUnavailableException(reference, "the JSON value has no field '" + field + "'", null);
            }
            return node.isTextual() ? node.textValue() : node.toString();
        } catch (IOException e) {
            // The parser's message would quote the secret.
            throw new SecretUnavailableException(reference, "the value is not a JSON object", null);
        }
    }

    private SecretsManagerClient client() {
        SecretsManagerClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = clients.get();
                    client = current;
                }
            }
        }
        return current;
    }
}
