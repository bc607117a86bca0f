package io.idvmedia.provider.http;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.function.Supplier;

/** Signs every request of a provider's REST client, each attempt afresh, with the credentials of that moment. */
final class SigningFilter implements ClientRequestFilter {

    private final Supplier<RequestSigning> signing;

    SigningFilter(Supplier<RequestSigning> signing) {
        this.signing = signing;
    }

    @Override
    public void filter(ClientRequestContext request) {
        RequestSigning.Signed signed = signing.get().sign(request.getMethod(), request.getUri());
        request.setUri(signed.uri());
        signed.headers().forEach(request.getHeaders()::putSingle);
    }
}
