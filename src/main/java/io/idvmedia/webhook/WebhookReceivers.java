package io.idvmedia.webhook;

import io.idvmedia.error.IdvException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.provider.IdvProvider;
import io.idvmedia.provider.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/** Finds the webhook receiver of a provider named by a route. */
@ApplicationScoped
public class WebhookReceivers {

    private final ProviderRegistry providers;
    private final Map<String, WebhookReceiver> receivers = new TreeMap<>();

    @Inject
    public WebhookReceivers(ProviderRegistry providers, Instance<WebhookReceiver> all) {
        this.providers = providers;
        all.forEach(r -> receivers.put(r.provider(), r));
    }

    /** Whether a provider of this name is served (a lookup only: nothing is called). */
    public boolean knows(String name) {
        return providers.knows(name);
    }

    /** The webhook receiver of a provider (found like {@link ProviderRegistry#get}); one without webhooks is a 404. */
    public WebhookReceiver get(String name) {
        IdvProvider provider = providers.get(name);
        WebhookReceiver receiver = receivers.get(provider.name());
        if (receiver == null) {
            throw new IdvException(ProblemType.NOT_FOUND, "This provider sends no webhooks here");
        }
        return receiver;
    }
}
