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
 * function may not read) or a blank value stops the start, naming the setting and the entry, never a value. In
 * production the values read here are kept in the secrets cache, as a first use would keep them (so a cold start reads
 * each secret once, not twice), except while Lambda initializes a function for a SnapStart snapshot
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}): a snapshot holds no secret, nor the AWS credentials the checks
 * read with ({@link SecretsProvider#forgetReaders}), and a restored instance starts reading them all at once as it
 * resumes ({@link #readAheadAfterRestore}), each waited for at its first use.
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
        boolean production = LaunchMode.current() == LaunchMode.NORMAL;
        boolean snapshotting = snapshotting(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        check(production, production && !snapshotting);
        if (snapshotting) {
            secrets.forgetReaders();
        }
    }

    /** Whether Lambda is initializing this function to take a SnapStart snapshot of it. */
    public static boolean snapshotting(String initializationType) {
        return "snap-start".equals(initializationType);
    }

    /**
     * @param strict whether a file not written yet fails too (in production); in dev and test the sandbox writes its
     *     demo secrets as it starts, and they are checked at their first use
     * @param keep whether the values read are kept in the secrets cache
     */
    void check(boolean strict, boolean keep) {
        Map<String, List<String>> settings = settings();
        if (keep) {
            secrets.readAhead(settings.values().stream().flatMap(List::stream).toList());
        }
        settings.forEach((setting, entries) -> secrets.checkAtStart(setting, entries, strict, keep));
    }

    /**
     * Where a function is restored from a SnapStart snapshot: starts reading every secret setting's Secrets Manager
     * secrets at once and returns, the first event then waiting only for the reads it needs
     * ({@link SecretsProvider#readAheadInBackground}). The values were checked before the snapshot; a secret that
     * cannot be read now fails its first use, which says why.
     */
    public void readAheadAfterRestore() {
        secrets.readAheadInBackground(settings().values().stream().flatMap(List::stream).toList());
    }

    private Map<String, List<String>> settings() {
        Map<String, List<String>> settings = new TreeMap<>();
        for (SecretSettings owner : owners) {
            settings.putAll(owner.secretSettings());
        }
        return settings;
    }
}
