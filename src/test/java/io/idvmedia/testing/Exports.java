package io.idvmedia.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Session exports fetched over HTTP into files, and the checks every export must pass. */
public final class Exports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Exports() {
    }

    /** What an export holds, once checked: its manifest, and each file's SHA-256 as read from the ZIP. */
    public record Checked(JsonNode manifest, Map<String, String> sha256ByPath, Map<String, Long> sizeByPath,
            List<String> names) {

        /** The manifest entries of media items, by media id. */
        public Map<String, JsonNode> media() {
            Map<String, JsonNode> media = new LinkedHashMap<>();
            manifest.path("entries").forEach(e -> {
                if (e.hasNonNull("mediaId")) {
                    media.put(e.get("mediaId").asText(), e);
                }
            });
            return media;
        }
    }

    /** GETs an export route (with a grant for the session) into a file; returns the response with the file. */
    public static HttpResponse<Path> download(String provider, String sessionId, String query, Path file) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Sandbox.baseUrl() + "/v1/" + provider + "/sessions/"
                + sessionId + "/export" + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + Grants.forSession(provider, sessionId)).build();
        return send(request, toFile(file));
    }

    /** GETs a URL (a staged export's) into a file. */
    public static HttpResponse<Path> fetch(String url, Path file) {
        return send(HttpRequest.newBuilder(URI.create(url)).build(), toFile(file));
    }

    /** The body into the file, replacing what it held (the JDK's handler would leave a longer file's tail). */
    private static HttpResponse.BodyHandler<Path> toFile(Path file) {
        return HttpResponse.BodyHandlers.ofFile(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens the ZIP with java.util.zip and tests it with Info-ZIP's {@code unzip -t}; checks that manifest.json is
     * its last entry and lists every other file once, with the size and SHA-256 each really has.
     */
    public static Checked check(Path zip) throws IOException, InterruptedException {
        Process unzip = new ProcessBuilder("unzip", "-t", "-qq", zip.toString()).redirectErrorStream(true).start();
        String said = new String(unzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unzip.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(unzip.exitValue()).as("unzip -t: %s", said).isZero();

        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        JsonNode manifest;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                names.add(entry.getName());
                try (InputStream in = file.getInputStream(entry)) {
                    Sandbox.Digest digest = Sandbox.sha256(in);
                    digests.put(entry.getName(), digest.sha256());
                    sizes.put(entry.getName(), digest.bytes());
                }
            }
            assertThat(names).isNotEmpty();
            assertThat(names.get(names.size() - 1)).isEqualTo("manifest.json");
            try (InputStream in = file.getInputStream(file.getEntry("manifest.json"))) {
                manifest = JSON.readTree(in);
            }
        }
        List<String> listed = new ArrayList<>();
        for (JsonNode entry : manifest.path("entries")) {
            String path = entry.get("path").asText();
            listed.add(path);
            assertThat(entry.get("sha256").asText()).as("sha256 of %s", path).isEqualTo(digests.get(path));
            assertThat(entry.get("size").asLong()).as("size of %s", path).isEqualTo(sizes.get(path));
        }
        assertThat(listed).as("manifest entries").containsExactlyElementsOf(names.subList(0, names.size() - 1));
        return new Checked(manifest, digests, sizes, names);
    }

    /** A file's bytes in the ZIP. */
    public static byte[] read(Path zip, String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile()); InputStream in = file.getInputStream(file.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    /** A temporary file for an export, removed when the JVM exits. */
    public static Path tempFile() {
        try {
            Path file = Files.createTempFile("export-", ".zip");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
