package io.idvmedia.provider.http;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * One call to a provider through its REST client interface, before it is signed (its signing filter signs each
 * attempt).
 *
 * @param invocation calls the provider's interface
 * @param subject the id the call is about
 * @param what what the call reads or deletes, for the detail of a 404 (e.g. {@code Session 123})
 * @param <A> the provider's REST client interface
 */
public record ProviderCall<A>(Function<A, Response> invocation, String subject, String what) {
}
