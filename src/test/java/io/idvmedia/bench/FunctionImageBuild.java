package io.idvmedia.bench;

import io.idvmedia.testing.FunctionImage;
import io.idvmedia.testing.PackagedFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Builds the functions' container image from target/function.zip into target/function-image: its root file system,
 * the training starts (the cold-start benchmark's kinds of start, once each, against the same servers), the
 * class-data archive made from what they loaded, and the Dockerfile. Run by the build's package phase
 * ({@code -Dfunction-image.skip} skips it); see docs/lambda.md.
 */
public final class FunctionImageBuild {

    private FunctionImageBuild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Path imageDir = target.resolve("function-image");
        long started = System.nanoTime();
        Path rootfs = FunctionImage.layOut(target.resolve("function.zip"), imageDir, PackagedFunctions.runtimeJars());
        List<Path> lists = ColdStartBenchmark.train(target, rootfs,
                imageDir.toAbsolutePath().resolve("class-lists"));
        Path archive = FunctionImage.archive(imageDir, lists);
        FunctionImage.dockerfile(imageDir);
        long classes = Files.readAllLines(imageDir.resolve("classes.lst")).size();
        System.out.printf(Locale.ROOT, "[function-image] %s: %d training starts, %d classes archived (%d MB), root file"
                + " system %d MB, in %.0f s%n", imageDir, lists.size(), classes, Files.size(archive) >> 20,
                size(rootfs) >> 20, (System.nanoTime() - started) / 1e9);
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
