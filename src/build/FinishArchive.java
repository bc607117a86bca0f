import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Finishes the runner jar and function.zip after Quarkus has written them:
 * <ul>
 *   <li>each entry name appears once, keeping the last copy. The legacy-jar packaging that Lambda needs writes both
 *   the application's compiled class and the build's transformed one under the same name; which one a runtime loads
 *   would depend on how it reads the archive. The transformed one comes last and is the one meant to run;</li>
 *   <li>the entries under the paths given with {@code --leave-out=P1,P2} are left out, with their lines in Quarkus's
 *   list of classes to preload. A production build leaves the embedded sandbox out this way: its beans and routes
 *   are already off there (a build-time condition), and nothing outside it refers to its classes, which the
 *   packaged-artifact tests prove by running what is left;</li>
 *   <li>with {@code --merge-lib=NAME}, the jars under {@code lib/} of an archive (function.zip) become one jar,
 *   {@code lib/NAME}, whose entries are stored, not compressed. Lambda's runtime loads a function's classes through
 *   a class loader over the task root and each jar of {@code lib/} in name order: with about ninety jars, each class
 *   is looked up jar after jar, and each is inflated as it is read. One stored jar keeps what that class path
 *   answers: the jars are read in the same order and the first copy of a name is kept, as a class path finds it;
 *   service files ({@code META-INF/services/}) are joined, since a service loader reads every copy; licence and
 *   notice files move under {@code META-INF/licenses/<jar>/}; each jar's own metadata (its manifest, index,
 *   signature files, {@code module-info.class}) is left out, and the merged jar is multi-release if one of them was.
 *   Any other resource that two jars hold fails the build, naming it, unless it is Quarkus's build-time metadata
 *   (never read by a running function), since a class path would have shown every copy to a reader of all of
 *   them.</li>
 * </ul>
 * Run with the JDK's source launcher: java src/build/FinishArchive.java [--leave-out=PATHS] [--merge-lib=NAME]
 * ARCHIVE...; an argument {@code ARCHIVE=DESTINATION} writes the finished archive to DESTINATION (replacing it),
 * leaving ARCHIVE.
 */
public final class FinishArchive {

    private static final String PRELOAD_LIST = "META-INF/quarkus-generated-preload-classes.txt";
    private static final String SERVICES = "META-INF/services/";
    /** A jar's own metadata, which describes that jar only. */
    private static final Pattern JAR_METADATA = Pattern.compile(
            "META-INF/(MANIFEST\\.MF|INDEX\\.LIST|[^/]+\\.(SF|RSA|DSA|EC))|(.*/)?module-info\\.class");
    private static final Pattern LICENCE = Pattern.compile("META-INF/[^/]*(LICENSE|NOTICE|COPYRIGHT)[^/]*",
            Pattern.CASE_INSENSITIVE);
    /** Read by Quarkus's build only, so one copy (or none) changes nothing in a running function. */
    private static final Pattern BUILD_METADATA = Pattern.compile(
            "META-INF/(jandex\\.idx|quarkus-[^/]+|quarkus-config-doc/.+|versions/\\d+/OSGI-INF/MANIFEST\\.MF)");

    private FinishArchive() {
    }

    public static void main(String[] args) throws IOException {
        List<String> leaveOut = new ArrayList<>();
        String mergeLib = null;
        for (String arg : args) {
            if (arg.startsWith("--merge-lib=")) {
                mergeLib = arg.substring("--merge-lib=".length()).strip();
                continue;
            }
            if (arg.startsWith("--leave-out=")) {
                for (String path : arg.substring("--leave-out=".length()).split(",")) {
                    if (!path.isBlank()) {
                        leaveOut.add(path.strip());
                    }
                }
                continue;
            }
            int split = arg.indexOf('=');
            Path archive = Path.of(split < 0 ? arg : arg.substring(0, split));
            Path destination = split < 0 ? archive : Path.of(arg.substring(split + 1));
            if (Files.exists(archive)) {
                int[] counts = finish(archive, destination, leaveOut, mergeLib);
                System.out.println("[finish] " + destination.getFileName() + ": " + counts[0]
                        + " duplicate entries removed, " + counts[1] + " entries left out (" + leaveOut + ")"
                        + (counts[2] == 0 ? "" : ", " + counts[2] + " jars of lib/ merged into lib/" + mergeLib));
            }
        }
    }

    private static int[] finish(Path archive, Path destination, List<String> leaveOut, String mergeLib)
            throws IOException {
        Map<String, Integer> last = new HashMap<>();
        int index = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; index++) {
                last.put(entry.getName(), index);
            }
        }
        int duplicates = index - last.size();
        int leftOut = 0;
        Map<String, byte[]> libs = new TreeMap<>();
        Path temp = Files.createTempFile(archive.toAbsolutePath().getParent(), "finish", ".tmp");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
            index = 0;
            byte[] buffer = new byte[64 * 1024];
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; index++) {
                String name = entry.getName();
                if (last.get(name) != index) {
                    continue;
                }
                if (leftOut(name, leaveOut)) {
                    leftOut++;
                    continue;
                }
                if (mergeLib != null && isLibJar(name)) {
                    libs.put(name, in.readAllBytes());
                    continue;
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                if (name.equals(PRELOAD_LIST) && !leaveOut.isEmpty()) {
                    out.write(withoutLeftOut(in.readAllBytes(), leaveOut));
                } else {
                    copy(in, out, buffer);
                }
                out.closeEntry();
            }
            if (!libs.isEmpty()) {
                ZipEntry merged = new ZipEntry("lib/" + mergeLib);
                out.putNextEntry(merged);
                out.write(merge(libs));
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
        return new int[] {duplicates, leftOut, libs.size()};
    }

    private static boolean isLibJar(String name) {
        return name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', "lib/".length()) < 0;
    }

    /** One jar, its entries stored, holding what the given jars (by name, in class-path order) show a class path. */
    private static byte[] merge(Map<String, byte[]> jars) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> services = new TreeMap<>();
        Map<String, List<String>> holders = new HashMap<>();
        boolean multiRelease = false;
        for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
            String jarName = jar.getKey().substring("lib/".length(), jar.getKey().length() - ".jar".length());
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar.getValue()))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    String name = entry.getName();
                    byte[] data = in.readAllBytes();
                    if (name.equals(JarFile.MANIFEST_NAME)) {
                        Attributes main = new Manifest(new ByteArrayInputStream(data)).getMainAttributes();
                        multiRelease |= "true".equalsIgnoreCase(main.getValue(Attributes.Name.MULTI_RELEASE));
                    } else if (JAR_METADATA.matcher(name).matches()) {
                        continue;
                    } else if (name.startsWith(SERVICES) && !entry.isDirectory()) {
                        ByteArrayOutputStream joined = services.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                        joined.write(data);
                        if (data.length > 0 && data[data.length - 1] != '\n') {
                            joined.write('\n');
                        }
                    } else if (LICENCE.matcher(name).matches()) {
                        entries.put("META-INF/licenses/" + jarName + "/" + name.substring("META-INF/".length()), data);
                    } else {
                        holders.computeIfAbsent(name, n -> new ArrayList<>()).add(jarName);
                        entries.putIfAbsent(name, data);
                    }
                }
            }
        }
        TreeSet<String> conflicts = new TreeSet<>();
        holders.forEach((name, in) -> {
            if (in.size() > 1 && !name.endsWith("/") && !name.endsWith(".class")
                    && !BUILD_METADATA.matcher(name).matches()) {
                conflicts.add(name + " " + in);
            }
        });
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("lib/ cannot become one jar: more than one jar holds " + conflicts);
        }
        services.forEach((name, joined) -> entries.put(name, joined.toByteArray()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            if (multiRelease) {
                manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
            }
            ByteArrayOutputStream manifestBytes = new ByteArrayOutputStream();
            manifest.write(manifestBytes);
            stored(out, JarFile.MANIFEST_NAME, manifestBytes.toByteArray());
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                stored(out, entry.getKey(), entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream out, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(0);
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }

    private static boolean leftOut(String name, List<String> leaveOut) {
        return leaveOut.stream().anyMatch(name::startsWith);
    }

    /** The preload list (one class name per line) without the classes under the paths left out. */
    private static byte[] withoutLeftOut(byte[] list, List<String> leaveOut) {
        String kept = new String(list, StandardCharsets.UTF_8).lines()
                .filter(line -> !leftOut(line.strip().replace('.', '/'), leaveOut))
                .collect(Collectors.joining("\n", "", "\n"));
        return kept.getBytes(StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }
}
