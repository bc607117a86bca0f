package io.idvmedia.provider;

import java.util.List;
import java.util.Locale;

/**
 * What a provider is, described once in its package: the registry, the routes' id checks, the OpenAPI document and
 * the checks of the Terraform providers map all read it.
 *
 * @param name the provider's name, as in routes
 * @param sessionIds what its session ids look like
 * @param mediaIds what its media ids look like
 * @param credentials the settings every function that calls the provider reads (secret references when deployed)
 * @param webhookCredentials the settings receive-webhook reads to authenticate its webhooks, and nothing else of it
 * @param webhookScheme how its webhooks are authenticated, in words
 */
public record ProviderDescriptor(String name, IdFormat sessionIds, IdFormat mediaIds, List<String> credentials,
        List<String> webhookCredentials, String webhookScheme) {

    public ProviderDescriptor {
        credentials = List.copyOf(credentials);
        webhookCredentials = List.copyOf(webhookCredentials);
    }

    /** A setting's environment variable, as Quarkus maps it ({@code idv.yoti.sdk-id} → {@code IDV_YOTI_SDK_ID}). */
    public static String environmentVariable(String setting) {
        return setting.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }
}
