package io.idvmedia.api;

import io.idvmedia.provider.IdFormat;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The OpenAPI document's path parameters from the providers served, not from a list written by hand: the
 * {@code provider} parameter's values, what each provider's session and media ids look like, and how its webhooks are
 * authenticated (each provider's {@link io.idvmedia.provider.ProviderDescriptor}). Run when the document
 * is served (never at start-up, which a function's cold start would pay for).
 */
@ApplicationScoped
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ProviderParameters implements OASFilter {

    private final ProviderRegistry providers;

    @Inject
    public ProviderParameters(ProviderRegistry providers) {
        this.providers = providers;
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        if (parameter.getIn() != Parameter.In.PATH || parameter.getName() == null) {
            return parameter;
        }
        switch (parameter.getName()) {
            case "provider" -> {
                List<Object> names = new ArrayList<>(providers.all().stream().map(IdvProvider::name).toList());
                parameter.setDescription("The IDV provider: one of " + names.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")));
                if (parameter.getSchema() != null) {
                    parameter.getSchema().setEnumeration(names);
                }
            }
            case "sessionId" -> parameter.setDescription("The provider's session id: "
                    + forms(IdvProvider::sessionIds));
            case "mediaId" -> parameter.setDescription("A media id of the session: " + forms(IdvProvider::mediaIds));
            default -> {
            }
        }
        return parameter;
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if ("receive-webhook".equals(operation.getOperationId())) {
            operation.setDescription("How each provider's webhooks are authenticated: " + providers.all().stream()
                    .map(p -> p.name() + ", " + p.descriptor().webhookScheme()).collect(Collectors.joining("; ")));
        }
        return operation;
    }

    private String forms(Function<IdvProvider, IdFormat> format) {
        return providers.all().stream().map(p -> p.name() + ", " + format.apply(p).description())
                .collect(Collectors.joining("; "));
    }
}
