package io.idvmedia.provider;

import io.idvmedia.error.InvalidRequestException;
import io.idvmedia.error.UnknownProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Finds a provider by the name a route or event gives. */
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, IdvProvider> providers = new TreeMap<>();

    @Inject
    public ProviderRegistry(Instance<IdvProvider> all) {
        all.forEach(p -> providers.put(p.name(), p));
    }

    /** Every provider served, by name. */
    public Collection<IdvProvider> all() {
        return Collections.unmodifiableCollection(providers.values());
    }

    /** Whether a provider of this name is served (a lookup only: nothing is called). */
    public boolean knows(String name) {
        return name != null && providers.containsKey(name);
    }

    public IdvProvider get(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("provider is required (one of " + String.join(", ", providers.keySet())
                    + ")");
        }
        IdvProvider provider = providers.get(name);
        if (provider == null) {
            throw new UnknownProviderException(providers.keySet());
        }
        return provider;
    }
}
