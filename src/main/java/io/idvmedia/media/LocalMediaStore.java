package io.idvmedia.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.provider.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Staged copies in a local directory: {@code {dir}/{provider}/{sessionId}/{mediaId}} with its manifest beside it.
 * A copy is written to a temporary file and renamed into place when complete, and its manifest after it, so a
 * copy without a manifest is never served. URLs point back at this application ({@code /v1/staged/...}) and are
 * signed with {@link LocalUrlSigner}.
 */
public final class LocalMediaStore implements MediaStore, Claims {

    /** Claims live here, apart from every provider's directory. */
    private static final String CLAIMS = ".claims";
    /** Records about sessions (legal holds), apart from the provider directories of copies. */
    private static final String RECORDS = ".records";
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final LocalUrlSigner signer;
    private final Optional<URI> publicUrl;
    private final ObjectMapper json;
    private final Clock clock;

    public LocalMediaStore(Path root, LocalUrlSigner signer, Optional<URI> publicUrl, ObjectMapper json, Clock clock) {
        this.root = root;
        this.signer = signer;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<StagedMedia> find(StagedKey key) {
        Path manifest = manifest(key);
        try {
            if (!Files.exists(data(key))) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(Files.readAllBytes(manifest), StagedMedia.class));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the manifest of " + key.path(), e);
        }
    }

    @Override
    public StagedMedia stage(StagedKey key, String contentType, MediaKind kind, InputStream body, Instant startedAt,
            Keeping keeping) throws IOException {
        if (keeping.archive()) {
            throw new IllegalStateException("The local store has no archive (idv.archive.enabled needs the S3 store)");
        }
        Path data = data(key);
        Path dir = Files.createDirectories(data.getParent());
        Path temp = Files.createTempFile(dir, "." + key.mediaId() + ".", ".partial");
        try {
            StagingCopy copy = new StagingCopy(body);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = copy.fill(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            StagedMedia media = new StagedMedia(contentType, copy.count(), copy.sha256Hex(), startedAt, kind,
                    keeping.reuseUntil(), false);
            Files.deleteIfExists(manifest(key));
            Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Path manifestTemp = Files.createTempFile(dir, "." + key.mediaId() + ".", ".manifest.partial");
            Files.write(manifestTemp, json.writeValueAsBytes(media));
            Files.move(manifestTemp, manifest(key), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return media;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public MediaUrl presign(StagedKey key, StagedMedia media, Duration ttl, Optional<String> downloadName,
            Optional<String> subject) {
        Instant expiresAt = clock.instant().plus(ttl);
        long expires = expiresAt.getEpochSecond();
        String path = "/v1/staged/" + key.path();
        boolean download = downloadName.isPresent();
        String url = path + "?expires=" + expires + (download ? "&download=true" : "")
                + subject.map(s -> "&sub=" + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse("")
                + "&signature=" + signer.sign(path, expires, download, subject);
        // Relative to this application; absolute at once when its public URL is configured, else by the adapter.
        MediaUrl relative = new MediaUrl(url, Instant.ofEpochSecond(expires),
                ServedType.of(media.contentType()).contentType(), media.contentLength(), media.sha256());
        return publicUrl.map(relative::against).orElse(relative);
    }

    @Override
    public List<RemovedCopy> deleteSession(String provider, String sessionId) {
        Path dir = root.resolve(StoreLayout.session(provider, sessionId));
        List<RemovedCopy> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try {
            boolean tombstones = false;
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (StoreLayout.isDeletionMarker(name)) {
                    tombstones = true;
                } else if (StoreLayout.isMediaData(name)) {
                    removed.addAll(remove(new StagedKey(provider, sessionId, name)));
                }
            }
            // What is left: manifests without their data, unfinished temporaries, the session's manifest.
            for (Path file : files) {
                if (!StoreLayout.isDeletionMarker(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
            if (!tombstones) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the staged copies of session " + sessionId, e);
        }
        return removed;
    }

    @Override
    public void writeDeletionMarker(String name, Instant at) {
        Path file = root.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".tombstone", ".partial");
            Files.writeString(temp, Long.toString(at.toEpochMilli()));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record a deletion", e);
        }
    }

    @Override
    public Optional<Instant> deletionMarker(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Instant.ofEpochMilli(Long.parseLong(Files.readString(file)
                    .strip()))) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Could not read the deletion record " + file.getFileName(), e);
        }
    }

    @Override
    public void writeSessionManifest(String provider, String sessionId, byte[] manifest, boolean archived) {
        Path file = root.resolve(StoreLayout.sessionManifest(provider, sessionId));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".session", ".partial");
            Files.write(temp, manifest);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the manifest of session " + sessionId, e);
        }
    }

    @Override
    public List<RemovedCopy> deleteMedia(StagedKey key) {
        try {
            return remove(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the staged copy of " + key.path(), e);
        }
    }

    /** Removes a copy and its manifest; the copy as its manifest described it, when there was one. */
    private List<RemovedCopy> remove(StagedKey key) throws IOException {
        Optional<StagedMedia> manifest;
        try {
            manifest = find(key);
        } catch (UncheckedIOException unreadable) {
            manifest = Optional.empty();
        }
        Path data = data(key);
        long size = Files.exists(data) ? Files.size(data) : -1;
        Files.deleteIfExists(manifest(key));
        if (!Files.deleteIfExists(data)) {
            return List.of();
        }
        return List.of(new RemovedCopy(key.mediaId(), StoreLayout.data(key), size,
                manifest.map(StagedMedia::sha256).orElse(null)));
    }

    /**
     * A claim is a file holding the time it was taken: created exclusively when absent, replaced when older than its
     * window. One process serves the local store, so claims are taken one at a time.
     */
    @Override
    public synchronized boolean claim(String name, Instant now, Duration window) {
        Path file = root.resolve(CLAIMS).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                Instant since;
                try {
                    since = Instant.ofEpochMilli(Long.parseLong(Files.readString(file).strip()));
                } catch (NumberFormatException unreadable) {
                    since = Instant.EPOCH;
                }
                if (since.plus(window).isAfter(now)) {
                    return false;
                }
            }
            Path temp = Files.createTempFile(file.getParent(), ".claim", ".partial");
            Files.writeString(temp, Long.toString(now.toEpochMilli()));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not take the claim " + name, e);
        }
    }

    @Override
    public synchronized void release(String name) {
        try {
            Files.deleteIfExists(root.resolve(CLAIMS).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not release the claim " + name, e);
        }
    }

    @Override
    public Optional<byte[]> readRecord(String name) {
        Path file = root.resolve(RECORDS).resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a record", e);
        }
    }

    @Override
    public void writeRecord(String name, byte[] bytes) {
        Path file = root.resolve(RECORDS).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".record", ".partial");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a record", e);
        }
    }

    @Override
    public void deleteRecord(String name) {
        try {
            Files.deleteIfExists(root.resolve(RECORDS).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove a record", e);
        }
    }

    @Override
    public List<String> listRecords(String prefix, Optional<String> after, int max) {
        Path records = root.resolve(RECORDS);
        Path dir = records.resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> records.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"))
                    .filter(name -> !name.substring(name.lastIndexOf('/') + 1).startsWith("."))
                    .filter(name -> after.map(a -> name.compareTo(a) > 0).orElse(true))
                    .sorted().limit(max).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list records", e);
        }
    }

    /** The staged file of a key, for serving; empty unless it is complete. */
    public Optional<Path> file(StagedKey key) {
        return find(key).map(m -> data(key));
    }

    public LocalUrlSigner signer() {
        return signer;
    }

    private Path data(StagedKey key) {
        return root.resolve(StoreLayout.data(key));
    }

    private Path manifest(StagedKey key) {
        return root.resolve(StoreLayout.manifest(key));
    }
}
