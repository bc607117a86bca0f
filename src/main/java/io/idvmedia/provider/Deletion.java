package io.idvmedia.provider;

import io.idvmedia.error.ProviderException;
import io.idvmedia.provider.http.ProviderHttpClient;
import io.idvmedia.provider.http.ProviderResponse;
import java.util.function.Function;

/** The provider accepted a delete. */
public record Deletion(int providerStatus) {

    /** A provider's answer to a delete: any 2xx is accepted (its body drained), anything else is its error. */
    public static Deletion from(ProviderResponse response, Function<ProviderResponse, ProviderException> error) {
        int status = response.status();
        if (status / 100 != 2) {
            throw error.apply(response);
        }
        ProviderHttpClient.readErrorBody(response);
        return new Deletion(status);
    }
}
