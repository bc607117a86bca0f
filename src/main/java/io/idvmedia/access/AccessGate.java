package io.idvmedia.access;

import io.idvmedia.error.IdvException;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one access check every adapter runs before anything else (provider call, secret read, store access). In
 * order: direct invocations pass (IAM authorized them), the open mode passes everyone, grants must be configured
 * (else 503), the {@code Authorization: Bearer} grant must verify (else 401), the route's provider and ids must be
 * well-formed (else 404/400), and the grant must cover the provider, the session and the operation (else 403).
 */
@ApplicationScoped
public class AccessGate {

    private static final Logger LOG = Logger.getLogger(AccessGate.class);
    private static final String BEARER = "bearer ";

    private final AccessConfig config;
    private final GrantKeys keys;
    private final GrantVerifier verifier;
    private final ProviderRegistry providers;

    @Inject
    public AccessGate(AccessConfig config, GrantKeys keys, GrantVerifier verifier, ProviderRegistry providers) {
        this.config = config;
        this.keys = keys;
        this.verifier = verifier;
        this.providers = providers;
    }

    /** Warns at start-up of an open or unusable gate, without making the gate (and what it holds) at start-up. */
    static void announce(@Observes StartupEvent started, AccessConfig config) {
        if (config.mode() == AccessConfig.Mode.OPEN) {
            LOG.warn("idv.access.mode=open: every caller is trusted with every session; no grant is checked. Use"
                    + " this only on a private network.");
        } else if (config.issuer().isEmpty() || !GrantKeys.configured(config)) {
            LOG.warn("idv.access.mode=grant without an issuer or keys: every session route answers 503 until"
                    + " idv.access.issuer and idv.access.jwks or idv.access.jwks-url are set.");
        }
    }

    /**
     * The admit-and-audit step both adapters take before anything else: checks the request, and makes its audit entry
     * either way (the adapter writes it once the answer's status is known, then throws the refusal if there is one).
     */
    public Admission admit(String requestId, AccessRequest request) {
        boolean known = providers.knows(request.provider());
        try {
            return new Admission(AuditEntry.allowed(requestId, request, check(request), known), null);
        } catch (IdvException e) {
            return new Admission(AuditEntry.denied(requestId, request, e, known), e);
        }
    }

    /**
     * A request's admission: its audit entry, and the refusal when it was refused.
     *
     * @param entry what the audit record says of the request
     * @param refusal the problem the caller gets, or null when the request was let through
     */
    public record Admission(AuditEntry entry, IdvException refusal) {

        /** The entry of an admitted request; the refusal thrown otherwise. */
        public AuditEntry orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return entry;
        }
    }

    /** Lets the request through, saying on what grounds; throws {@link AccessDeniedException} otherwise. */
    public Access check(AccessRequest request) {
        if (request.channel() == Channel.DIRECT) {
            return Access.iam();
        }
        if (config.mode() == AccessConfig.Mode.OPEN) {
            return Access.open();
        }
        if (config.issuer().isEmpty() || !keys.configured()) {
            throw AccessDeniedException.notConfigured("Grants are required but cannot be checked: set"
                    + " idv.access.issuer and idv.access.jwks or idv.access.jwks-url (or idv.access.mode=open on a"
                    + " private network)");
        }
        Grant grant = verifier.verify(bearer(request.authorization()));
        // The route's own shape, before comparing it with the grant: a malformed id is a 400 either way.
        IdvProvider provider = providers.get(request.provider());
        String sessionId = provider.sessionIds().require("sessionId", request.sessionId());
        if (request.operation() == OperationName.GET_MEDIA || request.operation() == OperationName.DELETE_MEDIA) {
            provider.mediaIds().require("mediaId", request.mediaId());
        }
        if (!grant.provider().equals(request.provider())) {
            throw AccessDeniedException.insufficient("provider-not-granted", "The grant is for another provider",
                    grant);
        }
        if (grant.sessions().stream().noneMatch(id -> provider.sessionIds().normalize(id).equals(sessionId))) {
            throw AccessDeniedException.insufficient("session-not-granted", "The grant does not cover this session",
                    grant);
        }
        if (!grant.operations().contains(request.operation())) {
            throw AccessDeniedException.insufficient("operation-not-granted", "The grant does not allow "
                    + request.operation().id(), grant);
        }
        return Access.granted(grant);
    }

    private static String bearer(Optional<String> authorization) {
        String value = authorization.map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw AccessDeniedException.invalid("missing", "A grant is required: send Authorization: Bearer"
                    + " <grant>");
        }
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AccessDeniedException.invalid("malformed", "The Authorization header must be Bearer <grant>");
        }
        return value.substring(BEARER.length()).strip();
    }
}
