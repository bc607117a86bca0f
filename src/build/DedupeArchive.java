import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a jar or zip so that each entry name appears once, keeping the last copy. The legacy-jar packaging that
 * Lambda needs writes both the application's compiled class and the build's transformed one under the same name;
 * which one a runtime loads would depend on how it reads the archive. The transformed one comes last and is the one
 * meant to run. Run with the JDK's source launcher: java src/build/DedupeArchive.java ARCHIVE...
 */
public final class DedupeArchive {

    private DedupeArchive() {
    }

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path archive = Path.of(arg);
            if (Files.exists(archive)) {
                int removed = dedupe(archive);
                System.out.println("[dedupe] " + archive.getFileName() + ": " + removed + " duplicate entries removed");
            }
        }
    }

    private static int dedupe(Path archive) throws IOException {
        Map<String, Integer> last = new HashMap<>();
        int index = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; index++) {
                last.put(entry.getName(), index);
            }
        }
        if (last.size() == index) {
            return 0;
        }
        Path temp = Files.createTempFile(archive.toAbsolutePath().getParent(), "dedupe", ".tmp");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
            index = 0;
            byte[] buffer = new byte[64 * 1024];
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; index++) {
                if (last.get(entry.getName()) != index) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                copy(in, out, buffer);
                out.closeEntry();
            }
        }
        Files.move(temp, archive, StandardCopyOption.REPLACE_EXISTING);
        return index - last.size();
    }

    private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }
}
