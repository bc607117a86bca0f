package io.idvmedia.api;

import io.idvmedia.access.Access;
import io.idvmedia.access.AuditEntry;
import io.idvmedia.access.OperationName;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.LocalMediaStore;
import io.idvmedia.media.MediaFileNames;
import io.idvmedia.media.MediaStores;
import io.idvmedia.media.ServedType;
import io.idvmedia.media.StagedKey;
import io.idvmedia.media.StagedMedia;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Serves the local store's staged copies at the URLs it signs: the signature and expiry are checked (in constant
 * time) before anything else, and a single {@code Range} is honoured so that a video can seek.
 */
@Path("/v1/staged/{provider}/{sessionId}/{mediaId}")
public class StagedMediaResource {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final MediaStores stores;
    private final ProviderRegistry providers;
    private final CurrentVertxRequest request;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public StagedMediaResource(MediaStores stores, ProviderRegistry providers, CurrentVertxRequest request) {
        this.stores = stores;
        this.providers = providers;
        this.request = request;
    }

    @GET
    @Operation(operationId = "staged-media", summary = "A staged copy, at a URL signed by get-media (local store)")
    public Response get(@PathParam("provider") String provider, @PathParam("sessionId") String sessionId,
            @PathParam("mediaId") String mediaId, @QueryParam("expires") String expires,
            @QueryParam("download") String download, @QueryParam("sub") String sub,
            @QueryParam("signature") String signature,
            @HeaderParam("Range") String range) {
        RoutingContext rc = request.getCurrent();
        RequestLog.operation(rc, OperationName.STAGED_MEDIA.id());
        LocalMediaStore store = stores.local()
                .orElseThrow(() -> new IdvException(ProblemType.NOT_FOUND, "No such route; see /q/openapi"));
        StagedKey key = verified(rc, store, provider, sessionId, mediaId, expires, "true".equals(download), sub,
                signature);
        StagedMedia media = store.find(key).orElseThrow(() -> new IdvException(ProblemType.NOT_FOUND,
                "The staged copy of media " + mediaId + " no longer exists; ask get-media for a new URL"));
        java.nio.file.Path file = store.file(key).orElseThrow();
        long length = media.contentLength();
        Response.ResponseBuilder answer;
        Matcher m = range == null ? null : RANGE.matcher(range.strip());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            long start;
            long end;
            // A position too large for a long is past the end of any media: unsatisfiable, like any other.
            long first = position(m.group(1), length);
            long last = position(m.group(2), length);
            if (m.group(1).isEmpty()) {
                start = Math.max(0, length - last);
                end = length - 1;
            } else {
                start = first;
                end = m.group(2).isEmpty() ? length - 1 : Math.min(last, length - 1);
            }
            if (start >= length || end < start) {
                throw new IdvException(ProblemType.RANGE_NOT_SATISFIABLE, "The range asked for is outside the"
                        + " media's " + length + " bytes").withHeader("Content-Range", "bytes */" + length);
            }
            answer = Response.status(206).entity(new PathPart(file, start, end - start + 1))
                    .header("Content-Range", "bytes " + start + "-" + end + "/" + length);
        } else {
            // No range, or one this server does not do (several ranges): the whole media, as RFC 9110 allows.
            answer = Response.ok(new PathPart(file, 0, length));
        }
        ServedType served = ServedType.of(media.contentType());
        answer.type(served.contentType()).header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        ServedType.SECURITY_HEADERS.forEach(answer::header);
        served.contentDisposition("true".equals(download) ? Optional.of(MediaFileNames.of(key, media))
                : Optional.empty()).ifPresent(value -> answer.header("Content-Disposition", value));
        return answer.build();
    }

    /** A range position, or {@code Long.MAX_VALUE} (past any end) when it has more digits than a long holds. */
    private static long position(String digits, long length) {
        if (digits.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The copy the URL names, once its signature and expiry hold. Every fetch is audited when its response ends: for
     * whom the URL was signed, what it fetched, the bytes and the outcome; a refused one with the check that failed
     * (and no subject unless the signature held, since nothing else in the URL can be trusted).
     */
    private StagedKey verified(RoutingContext rc, LocalMediaStore store, String provider, String sessionId,
            String mediaId, String expires, boolean download, String sub, String signature) {
        String requestId = RequestLog.requestId(rc);
        String address = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        String known = providers.knows(provider) ? provider : null;
        Optional<String> subject = Optional.ofNullable(sub);
        if (known == null) {
            try {
                providers.get(provider);
            } catch (IdvException unknown) {
                throw refused(rc, AuditEntry.stagedFetch(requestId, null, sessionId, mediaId, null, "provider",
                        address), unknown);
            }
        }
        IdvProvider idv = providers.get(provider);
        // Only a path this store could have signed: the provider's own id forms (or a session's export).
        if (!idv.sessionIds().matches(sessionId)
                || !(idv.mediaIds().matches(mediaId) || StagedKey.EXPORT.equals(mediaId))) {
            throw refused(rc, AuditEntry.stagedFetch(requestId, known, sessionId, mediaId, null, "signature", address),
                    rejected());
        }
        StagedKey key = new StagedKey(idv.name(), sessionId, mediaId);
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            expiresAt = -1;
        }
        if (expiresAt < 0 || !store.signer().verify("/v1/staged/" + key.path(), expiresAt, download, subject,
                signature)) {
            throw refused(rc, AuditEntry.stagedFetch(requestId, known, sessionId, mediaId, null, "signature", address),
                    rejected());
        }
        Access access = Access.signedUrl(subject);
        if (clock.instant().getEpochSecond() >= expiresAt) {
            throw refused(rc, AuditEntry.stagedFetch(requestId, known, sessionId, mediaId, access, "expired", address),
                    new IdvException(ProblemType.URL_REJECTED, "The URL has expired; ask get-media for a new one"));
        }
        RequestLog.audit(rc, AuditEntry.stagedFetch(requestId, known, sessionId, mediaId, access, null, address));
        return key;
    }

    private static IdvException refused(RoutingContext rc, AuditEntry entry, IdvException refusal) {
        RequestLog.audit(rc, entry);
        return refusal;
    }

    private static IdvException rejected() {
        return new IdvException(ProblemType.URL_REJECTED, "The URL's signature is not valid");
    }
}
