package io.idvmedia.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.idvmedia.error.IdvException;
import io.idvmedia.error.MediaBodyException;
import io.idvmedia.error.ProblemType;
import io.idvmedia.media.MediaFileNames;
import io.idvmedia.provider.MediaContent;
import io.idvmedia.provider.MediaItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A session's export as a ZIP that is built as it is read, in constant memory: {@code session.json},
 * {@code summary.json}, each media item's bytes as {@code media/{kind}-{mediaId}.{ext}} (opened only when its turn
 * comes, copied in fixed-size chunks), then {@code manifest.json} with each file's size and SHA-256. Entries are
 * deflated at level 0 (stored blocks: media are already compressed) and written with data descriptors, ZIP64 where
 * sizes or offsets need it, so nothing has to be known before its bytes have passed.
 *
 * <p>A failure reading a media item (a body that breaks off, a signature that does not match) is this stream's
 * failure: it is rethrown, the ZIP is never finished, and whoever reads it must treat what it got as broken (the
 * streamed answer is cut off, a staged copy is not kept). Closing the stream closes the media body being read.
 */
final class SessionZip extends InputStream {

    /** The chunk a media body is copied in; the ZIP's own buffer is sized to take one whole. */
    private static final int CHUNK = 128 * 1024;
    private static final String OCTET_STREAM = "application/octet-stream";

    private final String provider;
    private final String sessionId;
    private final Instant exportedAt;
    private final String exportedBy;
    private final Iterator<MediaItem> items;
    private final Function<MediaItem, MediaContent> open;
    private final Consumer<String> written;
    private final ObjectMapper json;
    private final Pending out = new Pending();
    private final ZipOutputStream zip;
    private final List<ExportEntry> entries = new ArrayList<>();
    private final List<Omitted> omitted = new ArrayList<>();
    private final byte[] chunk = new byte[CHUNK];
    private byte[][] documents;
    private MediaItem item;
    private MediaContent media;
    private Entry entry;
    private boolean finished;
    private boolean closed;

    /**
     * @param documents {@code session.json} and {@code summary.json}, written first
     * @param open opens a media item (the body watched as the caller wishes); asked once per item, in order
     * @param written told each media id once its bytes are wholly in the ZIP
     */
    SessionZip(String provider, String sessionId, Instant exportedAt, String exportedBy, byte[] session,
            byte[] summary, List<MediaItem> items, Function<MediaItem, MediaContent> open, Consumer<String> written,
            ObjectMapper json) {
        this.provider = provider;
        this.sessionId = sessionId;
        this.exportedAt = exportedAt;
        this.exportedBy = exportedBy;
        this.documents = new byte[][] {session, summary};
        this.items = List.copyOf(items).iterator();
        this.open = open;
        this.written = written;
        this.json = json;
        this.zip = new LargeBufferZip(out);
        this.zip.setLevel(Deflater.NO_COMPRESSION);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("The export was closed");
        }
        if (len == 0) {
            return 0;
        }
        while (out.size() == 0 && !finished) {
            step();
        }
        return out.size() == 0 ? -1 : out.drain(b, off, len);
    }

    /** Writes the next piece of the ZIP: a document, a chunk of the media being copied, or the end. */
    private void step() throws IOException {
        if (entry != null) {
            copyChunk();
        } else if (documents != null) {
            document("session.json", documents[0]);
            document("summary.json", documents[1]);
            documents = null;
        } else if (items.hasNext()) {
            begin(items.next());
        } else {
            byte[] manifest = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ExportManifest(provider,
                    sessionId, exportedAt.toString(), exportedBy, entries, omitted));
            zip.putNextEntry(zipEntry("manifest.json"));
            zip.write(manifest);
            zip.closeEntry();
            zip.finish();
            finished = true;
        }
    }

    private void document(String path, byte[] bytes) throws IOException {
        zip.putNextEntry(zipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
        entries.add(new ExportEntry(path, null, null, null, "application/json", bytes.length, sha256(bytes)));
    }

    private void begin(MediaItem next) throws IOException {
        MediaContent opened;
        try {
            opened = open.apply(next);
        } catch (IdvException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                // Listed but gone at the provider (deleted since): said in the manifest, like an item without content.
                omitted.add(Omitted.of(next, Omitted.NOT_FOUND));
                return;
            }
            // A failure of this stream like a body that breaks: the ZIP is never finished.
            int status = e.type().status();
            throw new MediaBodyException(e.type(), "Media " + next.id() + " could not be exported (" + e.getMessage()
                    + ")", status >= 500 || status == 429, null);
        }
        if (!opened.hasContent()) {
            omitted.add(Omitted.of(next, Omitted.NO_CONTENT));
            return;
        }
        item = next;
        media = opened;
        String type = opened.contentType().orElse(next.mimeType() != null ? next.mimeType() : OCTET_STREAM);
        entry = new Entry("media/" + MediaFileNames.of(next.kind(), next.id(), type), type, digest());
        zip.putNextEntry(zipEntry(entry.path));
    }

    private void copyChunk() throws IOException {
        int n = media.body().orElseThrow().read(chunk);
        if (n < 0) {
            zip.closeEntry();
            media.close();
            entries.add(new ExportEntry(entry.path, item.id(), item.kind() == null ? null : item.kind().wire(),
                    item.providerType(), entry.contentType, entry.size,
                    HexFormat.of().formatHex(entry.sha256.digest())));
            written.accept(item.id());
            media = null;
            entry = null;
            item = null;
            return;
        }
        entry.sha256.update(chunk, 0, n);
        entry.size += n;
        zip.write(chunk, 0, n);
    }

    private ZipEntry zipEntry(String path) {
        ZipEntry e = new ZipEntry(path);
        e.setTime(exportedAt.toEpochMilli());
        return e;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (media != null) {
            media.close();
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** The media entry being written. */
    private static final class Entry {
        final String path;
        final String contentType;
        final MessageDigest sha256;
        long size;

        Entry(String path, String contentType, MessageDigest sha256) {
            this.path = path;
            this.contentType = contentType;
            this.sha256 = sha256;
        }
    }

    /**
     * The JDK's ZIP writer with a deflate output buffer that takes a whole chunk: its own 512 bytes cost a native
     * call per 512 bytes (about 0.5 s of CPU per GiB at level 0; with this buffer about 0.05 s).
     */
    private static final class LargeBufferZip extends ZipOutputStream {
        LargeBufferZip(OutputStream out) {
            super(out);
            buf = new byte[CHUNK + 1024];
        }
    }

    /** What the ZIP writer has written and the reader has not taken yet: at most about one chunk and its framing. */
    private static final class Pending extends OutputStream {
        private byte[] data = new byte[2 * CHUNK];
        private int start;
        private int end;

        int size() {
            return end - start;
        }

        int drain(byte[] b, int off, int len) {
            int n = Math.min(len, end - start);
            System.arraycopy(data, start, b, off, n);
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
            return n;
        }

        @Override
        public void write(int b) {
            room(1);
            data[end++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, data, end, len);
            end += len;
        }

        /** Makes room for {@code len} more bytes after what is pending. */
        private void room(int len) {
            if (end + len > data.length) {
                System.arraycopy(data, start, data, 0, end - start);
                end -= start;
                start = 0;
                if (end + len > data.length) {
                    byte[] larger = new byte[Math.max(data.length * 2, end + len)];
                    System.arraycopy(data, 0, larger, 0, end);
                    data = larger;
                }
            }
        }
    }
}
