package io.idvmedia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/** Whether a store holds anything of one media: a copy, a manifest, or an unfinished upload. */
public final class StoredCopies {

    private StoredCopies() {
    }

    /** In the local store's directory; a deletion marker is no copy (it is what keeps a late staging out). */
    public static boolean local(Path dir, String provider, String sessionId, String mediaId) {
        Path session = dir.resolve(provider).resolve(sessionId);
        if (!Files.isDirectory(session)) {
            return false;
        }
        try (Stream<Path> files = Files.list(session)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(name -> name.contains(mediaId) && !name.endsWith(".deleted"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes whatever the local store holds of a session (copies, manifests, markers), so that a test which stages
     * its media starts from nothing whatever ran before it (a fresh copy is reused for five minutes).
     */
    public static void clearLocal(Path dir, String provider, String sessionId) {
        Path session = dir.resolve(provider).resolve(sessionId);
        if (!Files.isDirectory(session)) {
            return;
        }
        try (Stream<Path> files = Files.list(session)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** In the S3 store's bucket, multipart uploads included. */
    public static boolean s3(S3Client s3, String provider, String sessionId, String mediaId) {
        String key = "staged/" + provider + "/" + sessionId + "/" + mediaId;
        boolean objects = !s3.listObjectsV2(b -> b.bucket(S3ProxyResource.BUCKET).prefix(key)).contents().isEmpty();
        boolean uploads = !s3.listMultipartUploads(b -> b.bucket(S3ProxyResource.BUCKET).prefix(key)).uploads()
                .isEmpty();
        return objects || uploads;
    }
}
