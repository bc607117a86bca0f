import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 *   packaged-artifact tests prove by running what is left.</li>
 * </ul>
 * Run with the JDK's source launcher: java src/build/FinishArchive.java [--leave-out=PATHS] ARCHIVE...; an
 * argument {@code ARCHIVE=DESTINATION} writes the finished archive to DESTINATION (replacing it), leaving ARCHIVE.
 */
public final class FinishArchive {

    private static final String PRELOAD_LIST = "META-INF/quarkus-generated-preload-classes.txt";

    private FinishArchive() {
    }

    public static void main(String[] args) throws IOException {
        List<String> leaveOut = new ArrayList<>();
        for (String arg : args) {
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
                int[] counts = finish(archive, destination, leaveOut);
                System.out.println("[finish] " + destination.getFileName() + ": " + counts[0]
                        + " duplicate entries removed, " + counts[1] + " entries left out (" + leaveOut + ")");
            }
        }
    }

    private static int[] finish(Path archive, Path destination, List<String> leaveOut) throws IOException {
        Map<String, Integer> last = new HashMap<>();
        int index = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; index++) {
                last.put(entry.getName(), index);
            }
        }
        int duplicates = index - last.size();
        int leftOut = 0;
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
        }
        Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
        return new int[] {duplicates, leftOut};
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
