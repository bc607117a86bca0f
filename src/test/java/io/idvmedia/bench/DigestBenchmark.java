package io.idvmedia.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest part: what hashing a staged copy costs under the JVM options a function runs with. Staging computes the
 * SHA-256 of every byte it keeps (its manifest, an export's), and a Veriff body is checked with HMAC-SHA256 as it
 * streams; both run in the function's JVM. Each option set gets new JVMs (this class's {@link #main}) that hash 1 GiB
 * in 256 KiB chunks, as the staging loop does, alternating; printed: the median CPU seconds per GiB of each and the
 * ratio of the deployed options' to full tiered compilation's.
 */
final class DigestBenchmark {

    private static final long GIB = 1L << 30;
    private static final int CHUNK = 256 * 1024;

    private DigestBenchmark() {
    }

    static void run(int runs) throws Exception {
        System.out.printf(Locale.ROOT, "-- digest: SHA-256 and HMAC-SHA256 of 1 GiB in 256 KiB chunks, new JVM per"
                + " run, %d runs each%n", runs);
        List<String> deployed = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
        List<String> tiered = List.of("-XX:+TieredCompilation");
        for (String algorithm : List.of("SHA-256", "HmacSHA256")) {
            double[] c1 = new double[runs];
            double[] full = new double[runs];
            for (int i = 0; i < runs; i++) {
                c1[i] = probe(deployed, algorithm);
                full[i] = probe(tiered, algorithm);
            }
            double ratio = MediaBenchmark.median(c1) / MediaBenchmark.median(full);
            System.out.printf(Locale.ROOT, "%s: %s %.2f s per GiB; %s %.2f s per GiB; ratio %.1f%n", algorithm,
                    String.join(" ", deployed), MediaBenchmark.median(c1), String.join(" ", tiered),
                    MediaBenchmark.median(full), ratio);
        }
    }

    /** Runs one probe JVM with these options; returns its seconds per GiB. */
    private static double probe(List<String> options, String algorithm) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DigestBenchmark.class.getName());
        command.add(algorithm);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("The digest probe failed: " + out);
        }
        return Double.parseDouble(out);
    }

    /** The probe: hashes 1 GiB of random chunks with the algorithm named, prints the seconds it took. */
    public static void main(String[] args) throws Exception {
        byte[] chunk = new byte[CHUNK];
        new SplittableRandom(1).nextBytes(chunk);
        long started = System.nanoTime();
        if (args[0].startsWith("Hmac")) {
            Mac mac = Mac.getInstance(args[0]);
            mac.init(new SecretKeySpec("bench-shared-secret".getBytes(StandardCharsets.UTF_8), args[0]));
            for (long done = 0; done < GIB; done += CHUNK) {
                mac.update(chunk);
            }
            mac.doFinal();
        } else {
            MessageDigest digest = MessageDigest.getInstance(args[0]);
            for (long done = 0; done < GIB; done += CHUNK) {
                digest.update(chunk);
            }
            digest.digest();
        }
        System.out.println((System.nanoTime() - started) / 1e9);
    }
}
