package io.idvmedia.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.NotConfiguredException;
import io.idvmedia.secrets.SecretsProvider;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.idvmedia.aws.SignedHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

/**
 * The configured media store, built on first use: a deployment that never stages builds no S3 client, and none
 * is made during start-up (or captured in a snapshot).
 */
@ApplicationScoped
public class MediaStores {

    private static final Logger LOG = Logger.getLogger(MediaStores.class);
    private static final int MIN_URL_KEY_BYTES = 32;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final MediaConfig config;
    private final ArchiveConfig archive;
    private final SecretsProvider secrets;
    private final ObjectMapper json;
    private volatile Built built;

    /** The configured store, its claims, and the local store when it is that one (each typed as it was built). */
    private record Built(MediaStore store, Claims claims, Optional<LocalMediaStore> local) {
    }

    @Inject
    public MediaStores(MediaConfig config, ArchiveConfig archive, SecretsProvider secrets, ObjectMapper json) {
        this.config = config;
        this.archive = archive;
        this.secrets = secrets;
        this.json = json;
    }

    private Built built() {
        Built current = built;
        if (current == null) {
            synchronized (this) {
                current = built;
                if (current == null) {
                    if (config.store() == MediaConfig.StoreKind.S3) {
                        S3MediaStore s3 = s3();
                        current = new Built(s3, s3.claims(), Optional.empty());
                    } else {
                        LocalMediaStore local = newLocal();
                        current = new Built(local, local, Optional.of(local));
                    }
                    built = current;
                }
            }
        }
        return current;
    }

    public MediaStore store() {
        return built().store();
    }

    /** The claims of the configured store (which holds them beside the copies). */
    public Claims claims() {
        return built().claims();
    }

    /** The local store, when it is the configured one (its URLs are served by this application). */
    public Optional<LocalMediaStore> local() {
        return built().local();
    }

    public MediaConfig config() {
        return config;
    }

    public ArchiveConfig archive() {
        return archive;
    }

    /**
     * Outside dev and test, the local store's URLs must point at a configured public URL: built from a request's
     * {@code Host}, they would point wherever a caller says.
     */
    void check(@Observes StartupEvent started) {
        if (config.store() == MediaConfig.StoreKind.LOCAL) {
            try {
                urlSigningKey();
            } catch (IdvException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (archive.enabled() && config.store() != MediaConfig.StoreKind.S3) {
            throw new IllegalStateException("idv.archive.enabled needs idv.media.store=s3: the archive's retention is"
                    + " the bucket's lifecycle rule for idv.archive.prefix");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && config.store() == MediaConfig.StoreKind.LOCAL
                && config.local().publicUrl().isEmpty()) {
            throw new IllegalStateException("idv.media.store=local needs idv.media.local.public-url (environment"
                    + " IDV_MEDIA_LOCAL_PUBLIC_URL), the base URL callers reach this server at: media URLs are built"
                    + " from it, never from a request's Host header. Or use idv.media.store=s3.");
        }
    }

    /**
     * The configured key that signs local URLs, at least {@value #MIN_URL_KEY_BYTES} bytes: a shorter one can be
     * found offline from a single URL, and then signs any.
     */
    private Optional<byte[]> urlSigningKey() {
        Optional<byte[]> key = config.local().urlSigningKey()
                .map(ref -> secrets.get(ref).getBytes(StandardCharsets.UTF_8));
        if (key.isPresent() && key.get().length < MIN_URL_KEY_BYTES) {
            throw new NotConfiguredException("idv.media.local.url-signing-key must hold at least " + MIN_URL_KEY_BYTES
                    + " bytes; it holds " + key.get().length);
        }
        return key;
    }

    private LocalMediaStore newLocal() {
        MediaConfig.Local local = config.local();
        Path dir = local.dir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "idv-media-staged"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the media directory " + dir, e);
        }
        byte[] key = urlSigningKey().orElseGet(() -> {
            byte[] random = new byte[MIN_URL_KEY_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        });
        return new LocalMediaStore(dir, new LocalUrlSigner(key), local.publicUrl(), json, Clock.systemUTC());
    }

    private S3MediaStore s3() {
        MediaConfig.S3 s3 = config.s3();
        if (s3.bucket().isEmpty()) {
            throw NotConfiguredException.missing("The S3 media store", "idv.media.s3.bucket");
        }
        long part = Math.max(S3PartUpload.MIN_PART_SIZE, s3.partSize());
        long stagings = S3PartUpload.PARTS_IN_MEMORY * part * config.maxConcurrentStagings();
        long heap = Runtime.getRuntime().maxMemory();
        if (stagings > heap / 2) {
            LOG.warnf("Stagings may hold %d MiB of parts at once (%d stagings x %d parts of %d MiB), more than half"
                    + " the %d MiB heap: lower idv.media.max-concurrent-stagings or idv.media.s3.part-size, or give"
                    + " the JVM more heap", stagings >> 20, config.maxConcurrentStagings(),
                    S3PartUpload.PARTS_IN_MEMORY, part >> 20, heap >> 20);
        }
        S3Api client = s3Api(s3, SignedHttp.defaultCredentials(), SignedHttp.overHttp(CONNECT_TIMEOUT, READ_TIMEOUT));
        return new S3MediaStore(client, s3, archive, json, Clock.systemUTC());
    }

    /**
     * Before a SnapStart snapshot, where the store is S3: runs its client's code once, answered without reaching S3
     * ({@link S3Priming}). Reads no secret and builds no store.
     *
     * @return whether it ran as expected (true where the store is not S3)
     */
    public boolean prime() {
        if (config.store() != MediaConfig.StoreKind.S3) {
            return true;
        }
        MediaConfig.S3 s3 = config.s3();
        try {
            return S3Priming.run(s3);
        } catch (RuntimeException e) {
            // A snapshot is still taken: the first event then loads what the priming did not.
            LOG.warnf("Priming the S3 store's client failed (%s)", e.getClass().getName());
            return false;
        }
    }

    /**
     * A client of the configured bucket: its URL from S3's endpoint rules (the AWS SDK's, given the region, the
     * endpoint where one is configured, and path-style addressing where asked for), its region from
     * {@code idv.media.s3.region} or the SDK's lookup ({@code AWS_REGION}, which Lambda sets).
     */
    static S3Api s3Api(MediaConfig.S3 s3, AwsCredentialsProvider credentials, SignedHttp.Transport transport) {
        String bucket = s3.bucket().orElseThrow();
        String region = SignedHttp.region(s3.region());
        URI base = S3EndpointProvider.defaultProvider().resolveEndpoint(p -> {
            p.bucket(bucket).region(Region.of(region)).forcePathStyle(s3.pathStyle());
            s3.endpoint().ifPresent(endpoint -> p.endpoint(endpoint.toString()));
        }).join().url();
        return new S3Api(base, bucket, new SignedHttp("s3", region, credentials, transport, true));
    }
}
