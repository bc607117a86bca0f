package io.idvmedia.secrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * At start-up (on Lambda: at init, so before a version is published with SnapStart), every secret setting configured
 * is read once and checked: a reference that cannot be read (a missing file, a secret that does not exist or that the
 * function may not read) or a blank value stops the start, naming the setting and the entry, never a value. The values
 * read here are not kept: each is read again at its first use.
 */
@ApplicationScoped
public class SecretChecks {

    private final SecretsProvider secrets;
    private final Instance<SecretSettings> owners;

    @Inject
    public SecretChecks(SecretsProvider secrets, Instance<SecretSettings> owners) {
        this.secrets = secrets;
        this.owners = owners;
    }

    void onStart(@Observes StartupEvent event) {
        check(LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @param strict whether a file not written yet fails too (in production); in dev and test the sandbox writes its
     *     demo secrets as it starts, and they are checked at their first use
     */
    void check(boolean strict) {
        Map<String, List<String>> settings = new TreeMap<>();
        for (SecretSettings owner : owners) {
            settings.putAll(owner.secretSettings());
        }
        settings.forEach((setting, entries) -> secrets.checkAtStart(setting, entries, strict));
    }
}
