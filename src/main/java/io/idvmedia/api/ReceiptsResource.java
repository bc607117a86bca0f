package io.idvmedia.api;

import io.idvmedia.lifecycle.ReceiptsOperation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The public keys erasure receipts verify with. Public like any JWKS endpoint: it holds nothing a caller could misuse,
 * and a receipt must verify for whoever is shown it (an auditor, a regulator) without a grant.
 */
@Path("/v1/receipts/jwks.json")
public class ReceiptsResource {

    private static final String JWK_SET = "application/jwk-set+json";

    private final ReceiptsOperation receipts;

    @Inject
    public ReceiptsResource(ReceiptsOperation receipts) {
        this.receipts = receipts;
    }

    @GET
    @Produces({JWK_SET, "application/json"})
    @Operation(operationId = "receipts-jwks", summary = "The JWK Set erasure receipts verify with (ES256, chosen by the"
            + " receipt's kid)")
    @APIResponse(responseCode = "200", description = "{\"keys\": [...]}: public keys only; empty when receipts are not"
            + " signed")
    public Response jwks() {
        return Response.ok(receipts.jwks(), JWK_SET).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }
}
