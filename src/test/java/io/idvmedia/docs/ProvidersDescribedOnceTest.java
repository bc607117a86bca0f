package io.idvmedia.docs;

import static io.idvmedia.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderDescriptor;
import io.idvmedia.provider.ProviderRegistry;
import io.idvmedia.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each provider's descriptor against what is derived from it elsewhere: the Terraform providers map gives every
 * provider-calling function exactly the descriptor's credentials and receive-webhook exactly its webhook credentials,
 * and the OpenAPI document states how each provider's webhooks are authenticated.
 */
@QuarkusTest
class ProvidersDescribedOnceTest {

    private static final Pattern ENV = Pattern.compile("\\b(IDV_[A-Z0-9_]+)\\b");

    @Inject
    ProviderRegistry providers;

    @Test
    void shouldDeployEachProviderWithTheCredentialsItsDescriptorNames() throws Exception {
        String map = Files.readString(Path.of("infra", "providers.tf"));
        assertThat(providers.all()).hasSizeGreaterThanOrEqualTo(3);
        for (IdvProvider provider : providers.all()) {
            ProviderDescriptor descriptor = provider.descriptor();
            Matcher entry = Pattern.compile("(?ms)^    " + descriptor.name() + " = \\{$(.*?)^    \\}$").matcher(map);
            assertThat(entry.find()).as("the " + descriptor.name() + " entry of infra/providers.tf").isTrue();
            String block = entry.group(1);
            int webhook = block.indexOf("webhook_fields");
            assertThat(webhook).as("webhook_fields of " + descriptor.name()).isPositive();
            assertThat(names(block.substring(0, webhook))).as("credentials of " + descriptor.name())
                    .isEqualTo(variables(descriptor.credentials()));
            assertThat(names(block.substring(webhook))).as("webhook credentials of " + descriptor.name())
                    .isEqualTo(variables(descriptor.webhookCredentials()));
        }
    }

    @Test
    void shouldDocumentHowEachProvidersWebhooksAreAuthenticated() {
        JsonNode openapi = Fixtures.json(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asByteArray());
        String description = openapi.at("/paths/~1v1~1{provider}~1webhooks/post/description").asText();
        for (IdvProvider provider : providers.all()) {
            assertThat(description).contains(provider.name() + ", " + provider.descriptor().webhookScheme());
        }
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> variables(Iterable<String> settings) {
        Set<String> names = new TreeSet<>();
        settings.forEach(setting -> names.add(ProviderDescriptor.environmentVariable(setting)));
        return names;
    }
}
