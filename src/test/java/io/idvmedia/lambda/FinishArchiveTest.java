package io.idvmedia.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/build/FinishArchive.java, run as the build runs it, making function.zip's {@code lib/} one stored jar that shows
 * a class path what the jars showed it, or refusing to when it cannot.
 */
class FinishArchiveTest {

    @TempDir
    Path dir;

    @Test
    void shouldMergeTheLibJarsIntoOneStoredJarThatAnswersAsTheirClassPathDid() throws Exception {
        Path zip = functionZip(Map.of(), Map.of());

        Run run = finish(zip);

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("2 jars of lib/ merged into lib/functions.jar");
        try (ZipFile finished = new ZipFile(dir.resolve("finished.zip").toFile())) {
            assertThat(names(finished)).containsExactly("io/idvmedia/App.class", "lib/functions.jar");
            assertThat(text(finished, "io/idvmedia/App.class")).isEqualTo("the application's");
            Path merged = dir.resolve("functions.jar");
            Files.write(merged, finished.getInputStream(finished.getEntry("lib/functions.jar")).readAllBytes());
            try (JarFile jar = new JarFile(merged.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
                assertThat(jar.stream()).as("every entry stored, none compressed")
                        .allMatch(entry -> entry.getMethod() == ZipEntry.STORED);
                assertThat(jar.isMultiRelease()).isTrue();
                // The first jar in name order wins a class both hold, as on the runtime's class path.
                assertThat(text(jar, "p/One.class")).isEqualTo("a's");
                assertThat(text(jar, "p/Two.class")).isEqualTo("b's");
                assertThat(text(jar, "META-INF/services/p.Service")).isEqualTo("p.FromA\np.FromB\n");
                assertThat(text(jar, "META-INF/licenses/a/LICENSE")).isEqualTo("a's licence");
                assertThat(text(jar, "META-INF/licenses/b/LICENSE")).isEqualTo("b's licence");
                assertThat(names(jar)).doesNotContain("META-INF/INDEX.LIST", "META-INF/A.SF", "module-info.class",
                        "META-INF/LICENSE").doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void shouldRefuseToMergeWhenTwoJarsHoldTheSameResourceAndWriteNothing() throws Exception {
        Path zip = functionZip(Map.of("config/defaults.properties", "a=1"),
                Map.of("config/defaults.properties", "b=2"));

        Run run = finish(zip);

        assertThat(run.exit).isNotZero();
        assertThat(run.output).contains("lib/ cannot become one jar", "config/defaults.properties [a, b]");
        assertThat(dir.resolve("finished.zip")).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file left").noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    /** A function.zip: one class of the application's at its root, and lib/a.jar and lib/b.jar, with extras. */
    private Path functionZip(Map<String, String> aExtra, Map<String, String> bExtra) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n");
        a.put("META-INF/INDEX.LIST", "JarIndex-Version: 1.0\n\na.jar\np\n");
        a.put("META-INF/A.SF", "Signature-Version: 1.0\n");
        a.put("module-info.class", "a's module");
        a.put("p/", "");
        a.put("p/One.class", "a's");
        a.put("META-INF/services/p.Service", "p.FromA");
        a.put("META-INF/LICENSE", "a's licence");
        a.putAll(aExtra);
        Map<String, String> b = new LinkedHashMap<>();
        b.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n");
        b.put("p/", "");
        b.put("p/One.class", "b's");
        b.put("p/Two.class", "b's");
        b.put("META-INF/services/p.Service", "p.FromB\n");
        b.put("META-INF/LICENSE", "b's licence");
        b.putAll(bExtra);
        Path zip = dir.resolve("function.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "io/idvmedia/App.class", "the application's".getBytes(StandardCharsets.UTF_8));
            put(out, "lib/b.jar", jar(b));
            put(out, "lib/a.jar", jar(a));
        }
        return zip;
    }

    private static byte[] jar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                put(out, entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
        out.closeEntry();
    }

    private Run finish(Path zip) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "src/build/FinishArchive.java", "--merge-lib=functions.jar",
                zip + "=" + dir.resolve("finished.zip")).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (OutputStream sink = output) {
            process.getInputStream().transferTo(sink);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private static List<String> names(ZipFile zip) {
        List<String> names = new ArrayList<>();
        zip.stream().forEach(entry -> names.add(entry.getName()));
        return names;
    }

    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    private record Run(int exit, String output) {
    }
}
