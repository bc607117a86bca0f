package io.idvmedia.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code idv.media.*}: where staged copies of media live, and how long their URLs last. */
@ConfigMapping(prefix = "idv.media")
public interface MediaConfig {

    /** {@code local} (a directory, URLs served by the application) or {@code s3} (presigned S3 URLs). */
    @WithDefault("local")
    StoreKind store();

    Local local();

    S3 s3();

    /** Lifetime of a URL when the caller does not ask for one. */
    @WithDefault("60s")
    Duration urlTtl();

    /** The longest lifetime a caller may ask for; longer requests are capped. */
    @WithDefault("900s")
    Duration urlTtlMax();

    /** A complete staged copy younger than this is reused without calling the provider. */
    @WithDefault("5m")
    Duration stagedMaxAge();

    /**
     * Stagings running at once in this instance; one more is answered 503 with Retry-After. Requests for a media
     * already being staged wait for that staging instead of starting another.
     */
    @WithDefault("4")
    int maxConcurrentStagings();

    /**
     * Media transfers (streams and stagings) running at once in this instance; one more is answered 503 with
     * Retry-After before any provider call. When unset, 64 (well under the worker pool of 200 threads, so that the
     * other routes always find a worker), or fewer where the JVM has less than 64 MiB of direct memory: one per MiB
     * of it (32 concurrent full-speed streams were measured within 64 MiB), at least 4.
     */
    Optional<Integer> maxConcurrentTransfers();

    /**
     * Media transfers one caller (a grant's subject; the source address in the open mode) may run at once in this
     * instance; one more is answered 429 with Retry-After before any provider call, so that one caller never takes
     * the last slots from the others. When unset, a quarter of the instance's transfers (at least one).
     */
    Optional<Integer> maxTransfersPerCaller();

    /**
     * Where a request cannot wait long (get-media through API Gateway, 30 s) and a staging queue is configured: a
     * media without a fresh copy that is larger than this is staged by a job, and the request answered 202 with
     * Retry-After.
     */
    @WithDefault("67108864")
    long syncStageMaxBytes();

    /** The same when less than this is left of the request's time, whatever the media's size. */
    @WithDefault("10s")
    Duration syncStageMinTime();

    /** Largest media answered inline where the runtime buffers responses (Lambda). */
    @WithDefault("4194304")
    long inlineMaxBytes();

    /** The kinds of store. */
    enum StoreKind { LOCAL, S3 }

    /** The local directory store. */
    interface Local {
        /** Where staged copies are kept; a directory under the system temp directory when absent. */
        Optional<Path> dir();

        /**
         * The public base URL of this application, for the URLs it signs. Required outside dev and test when the
         * local store is used (start-up fails without it); in dev and test the request's own scheme and Host.
         */
        Optional<URI> publicUrl();

        /**
         * Host names this server answers for besides the public URL's (e.g. {@code localhost}); a request whose
         * {@code Host} names none of them is refused, so that a rebound DNS name cannot reach it. No check when
         * neither is set.
         */
        Optional<List<String>> allowedHosts();

        /**
         * Secret reference to the key that signs local URLs. When absent a random key is made at start, so URLs
         * do not survive a restart and are not valid on another instance.
         */
        Optional<String> urlSigningKey();
    }

    /** The S3 store. */
    interface S3 {
        Optional<String> bucket();

        /** Key prefix of staged copies: {@code {prefix}/{provider}/{sessionId}/{mediaId}}. */
        @WithDefault("staged")
        String prefix();

        /**
         * Key prefix of deletion markers, apart from the copies so that they outlive every copy they guard (the
         * bucket keeps them longer than the archive's retention).
         */
        @WithDefault("deletions")
        String deletionsPrefix();

        /** Key prefix of claims (webhooks and staging jobs handled once across instances). */
        @WithDefault("claims")
        String claimsPrefix();

        /** Key prefix of the records kept about sessions (legal holds), which no expiry of copies touches. */
        @WithDefault("records")
        String recordsPrefix();

        /** The bucket's region; the AWS SDK's own lookup when absent. */
        Optional<String> region();

        /** Only for S3-compatible servers. */
        Optional<URI> endpoint();

        /** Path-style addressing, which S3-compatible servers usually need. */
        @WithDefault("false")
        boolean pathStyle();

        /** Size of each multipart part; the memory a staging upload holds. At least 5 MiB. */
        @WithDefault("8388608")
        int partSize();

        /** Server-side encryption requested for staged copies: {@code AES256}, {@code aws:kms} or {@code none}. */
        @WithDefault("AES256")
        String serverSideEncryption();

        /** The KMS key for {@code aws:kms}; the bucket's default when absent. */
        Optional<String> kmsKeyId();

        /**
         * Tags every copy (staged or archived, and its manifests) {@code idv-expire=yes}, and a held session's copies
         * {@code idv-expire=no}: where the bucket's expiry rules select copies by that tag (as Terraform renders
         * them), a held session's copies outlive their lifetimes until the hold is released. S3 lifecycle rules can
         * only select objects, never pass one over, hence a tag every copy carries. Off for servers that know no
         * object tags (S3Proxy).
         */
        @WithDefault("false")
        boolean expiryTags();
    }
}
