package io.idvmedia.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The functions as a container image that carries its own JDK and one class-data archive of what every function
 * loads: the root file system of such an image ({@code target/function-image/rootfs}), its Dockerfile, and the ways
 * to start a function from it. The managed Java runtime names its own archive and loads a function's classes through
 * its own class loader, so an application archive needs a runtime of the image's own (docs/lambda.md).
 *
 * <p>The image holds a {@code jlink}ed JDK (the build's, {@code /opt/java}), the shared libraries it and the runtime
 * interface client's native part need, taken from the build machine (so that the JDK runs on the C library it was
 * built for, whatever the base), the functions' classes and jars in {@code /var/task/lib} (the task root's files in
 * a jar of their own: the JDK archives classes from jars only), the runtime interface client, and the archive
 * ({@code /opt/idv/functions.jsa}), dumped from the classes the training starts loaded. Every file's time is set to
 * one instant before the archive is made: the JDK refuses an archive whose jars' times differ from those it was made
 * with, and an image layer keeps each file's time as it was given.
 */
public final class FunctionImage {

    /** Where the image's JDK is. */
    public static final String JAVA_HOME = "/opt/java";
    /** The task root, as Lambda names it; the entry point's working directory. */
    public static final String TASK_ROOT = "/var/task";
    /** The class-data archive the entry point names. */
    public static final String ARCHIVE = "/opt/idv/functions.jsa";
    /** Every file's time in the image: the second after the epoch, as reproducible image builders set it. */
    public static final FileTime FILE_TIME = FileTime.from(Instant.ofEpochSecond(1));
    /**
     * The JDK's modules the functions use: those {@code jdeps} finds in their jars (but the desktop and RMI modules,
     * reached only from code a function never runs: Jackson's optional {@code java.beans} support, Quarkus's native
     * image support), those reached through service loading (the HTTP client, XML, the elliptic-curve provider, the
     * file system of jars Quarkus's configuration reads its files through, HotSpot's management bean), and those of
     * every security provider the JDK's {@code java.security} lists: where one is missing, the JDK looks for it among
     * every provider on the class path, and starts Bouncy Castle's whole provider to do so.
     */
    public static final List<String> MODULES = List.of("java.base", "java.logging", "java.management",
            "java.naming", "java.net.http", "java.security.jgss", "java.security.sasl", "java.smartcardio",
            "java.sql", "java.xml", "java.xml.crypto", "jdk.crypto.cryptoki", "jdk.crypto.ec", "jdk.management",
            "jdk.security.jgss", "jdk.unsupported", "jdk.zipfs");
    /**
     * The options the entry point gives the JVM, those the managed runtime gives its own (the serial collector, the
     * CRaC API bound to the runtime client's for SnapStart's hooks, IPv4) and the heap as a share of the function's
     * memory (85%, about what the managed runtime gives). Then come the archive, named twice (to the JVM, and to the
     * function, which says at start whether it is in use), and the deployment's own options
     * ({@code JAVA_TOOL_OPTIONS}).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=85",
            "-Djava.net.preferIPv4Stack=true", "-Duser.home=/tmp",
            "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private FunctionImage() {
    }

    /** The root file system in an image directory. */
    public static Path rootfs(Path imageDir) {
        return imageDir.toAbsolutePath().resolve("rootfs");
    }

    /**
     * The entry point's command with the JDK and the archive at the given paths (the image's, or a root file
     * system's on this machine), {@code moreJvmOptions} after the image's own, and the task root's jars as a class
     * path relative to the task root, in the order the archive was made with.
     */
    public static List<String> command(String java, String archive, List<String> moreJvmOptions, Path rootfs)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.add("-XX:SharedArchiveFile=" + archive);
        command.add("-Didvmedia.class-data-archive=" + archive);
        command.addAll(moreJvmOptions);
        command.addAll(List.of("-cp", String.join(":", classPath(rootfs)), MAIN,
                PackagedFunctions.QUARKUS_HANDLER));
        return command;
    }

    /** The image's entry point. */
    public static List<String> entryPoint(Path rootfs) throws IOException {
        return command(JAVA_HOME + "/bin/java", ARCHIVE, List.of(), rootfs);
    }

    /** The jars of the task root, relative to it, sorted: the class path of every start and of the archive. */
    static List<String> classPath(Path rootfs) throws IOException {
        try (Stream<Path> jars = Files.list(inside(rootfs, TASK_ROOT).resolve("lib"))) {
            return jars.map(jar -> "lib/" + jar.getFileName()).sorted().toList();
        }
    }

    /**
     * Lays out the image's root file system from a function.zip, without its archive: the JDK ({@code jlink}, from
     * the JDK this runs on), the shared libraries, the task root's jars and the runtime interface client's
     * ({@code runtimeJars}).
     */
    public static Path layOut(Path functionZip, Path imageDir, List<Path> runtimeJars) throws IOException,
            InterruptedException {
        if (!"amd64".equals(System.getProperty("os.arch"))) {
            // The JDK, the libraries and the runtime client's native part are this machine's: so is the image's
            // architecture, and infra/ deploys x86_64 functions.
            throw new IllegalStateException("The image is built for x86_64 functions, from an x86_64 machine's JDK;"
                    + " this one is " + System.getProperty("os.arch") + " (-Dfunction-image.skip leaves it out)");
        }
        Path rootfs = rootfs(imageDir);
        Directories.deleteTree(imageDir);
        Files.createDirectories(rootfs);
        Path unpacked = PackagedFunctions.unpack(functionZip, imageDir.resolve("function-task"));
        Path taskRoot = PackagedFunctions.jarred(unpacked, inside(rootfs, TASK_ROOT));
        Directories.deleteTree(unpacked);
        for (Path jar : runtimeJars) {
            Files.copy(jar, taskRoot.resolve("lib").resolve(jar.getFileName()));
        }
        Path javaHome = inside(rootfs, JAVA_HOME);
        Files.createDirectories(javaHome.getParent());
        String jlink = Path.of(System.getProperty("java.home"), "bin", "jlink").toString();
        run(imageDir.toAbsolutePath().resolve("jlink.log"), jlink,
                "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages",
                "--no-header-files", "--output", javaHome.toString());
        Files.createDirectories(inside(rootfs, ARCHIVE).getParent());
        // Where Lambda mounts a container's own /tmp, /proc and /dev.
        for (String mountPoint : List.of("tmp", "proc", "dev")) {
            Files.createDirectories(rootfs.resolve(mountPoint));
        }
        copySharedLibraries(rootfs, imageDir, runtimeJars);
        return rootfs;
    }

    /**
     * Makes the archive from the training starts' class lists ({@code -XX:DumpLoadedClassList}): every class any of
     * them loaded, and every class of the application, once, dumped by the image's JDK with the image's class path,
     * after every file's time is set (the archive's too, once made).
     */
    public static Path archive(Path imageDir, List<Path> classLists) throws IOException, InterruptedException {
        Path rootfs = rootfs(imageDir);
        Set<String> classes = new LinkedHashSet<>();
        for (Path list : classLists) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    classes.add(line);
                }
            }
        }
        // Every class of the application too, those no training start reached (another store's, a provider's the
        // training does not play): the list Quarkus's build writes for its preload.
        try (ZipFile taskJar = new ZipFile(inside(rootfs, TASK_ROOT).resolve("lib/0-task-root.jar").toFile())) {
            ZipEntry preload = taskJar.getEntry("META-INF/quarkus-generated-preload-classes.txt");
            if (preload == null) {
                throw new IllegalStateException("The task root has no list of the application's classes");
            }
            try (InputStream in = taskJar.getInputStream(preload)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        classes.add(line.strip().replace('.', '/'));
                    }
                }
            }
        }
        Path merged = Files.write(imageDir.toAbsolutePath().resolve("classes.lst"), classes, StandardCharsets.UTF_8);
        Path archive = inside(rootfs, ARCHIVE);
        Files.deleteIfExists(archive);
        setFileTimes(rootfs);
        List<String> dump = new ArrayList<>(List.of(inside(rootfs, JAVA_HOME).resolve("bin/java").toString(),
                "-Xshare:dump", "-XX:SharedClassListFile=" + merged, "-XX:SharedArchiveFile=" + archive));
        dump.addAll(List.of("-cp", String.join(":", classPath(rootfs))));
        run(inside(rootfs, TASK_ROOT), imageDir.resolve("dump.log"), dump);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("No archive was made; see " + imageDir.resolve("dump.log"));
        }
        Files.setLastModifiedTime(archive, FILE_TIME);
        return archive;
    }

    /** Writes the image's Dockerfile beside its root file system: the files as they are, and the entry point. */
    public static Path dockerfile(Path imageDir) throws IOException {
        List<String> entryPoint = entryPoint(rootfs(imageDir)).stream().map(arg -> '"' + arg + '"').toList();
        return Files.writeString(imageDir.resolve("Dockerfile"), String.join("\n",
                "# The functions as a container image with their own JDK and a class-data archive (docs/lambda.md).",
                "# Made by the build: every file of rootfs/ has the time its archive was made with; COPY keeps it.",
                "FROM scratch",
                "COPY rootfs/ /",
                "ENV LAMBDA_TASK_ROOT=" + TASK_ROOT,
                "WORKDIR " + TASK_ROOT,
                "ENTRYPOINT [" + String.join(", ", entryPoint) + "]",
                ""));
    }

    /**
     * A process that runs one function from a root file system on this machine, its JDK and archive at their paths
     * here, in the task root, with the environment Lambda sets and the given one on top.
     */
    public static ProcessBuilder process(Path rootfs, String functionName, int runtimeApiPort,
            List<String> jvmOptions, Map<String, String> environment) throws IOException {
        Path taskRoot = inside(rootfs, TASK_ROOT);
        ProcessBuilder builder = new ProcessBuilder(command(inside(rootfs, JAVA_HOME).resolve("bin/java").toString(),
                inside(rootfs, ARCHIVE).toString(), jvmOptions, rootfs)).directory(taskRoot.toFile());
        PackagedFunctions.lambdaEnvironment(builder.environment(), taskRoot, functionName, runtimeApiPort);
        builder.environment().putAll(environment);
        return builder.redirectErrorStream(true);
    }

    /**
     * A process that runs one function inside the root file system, as the image runs it: the entry point as it is
     * written, in a mount namespace of its own where the root file system is the root, with the machine's
     * {@code /proc} and {@code /dev} and the directory {@code tmp} as its {@code /tmp} (which Lambda gives a container:
     * nothing the function writes lands in the root file system), and nothing else of the machine's. Needs root.
     */
    public static ProcessBuilder isolated(Path rootfs, Path tmp, String functionName, int runtimeApiPort,
            List<String> jvmOptions, Map<String, String> environment) throws IOException {
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && mount --bind \"$1\" \"$0/tmp\""
                        + " && shift && exec unshare --root=\"$0\" --wd=" + TASK_ROOT + " \"$@\"",
                rootfs.toAbsolutePath().toString(), tmp.toAbsolutePath().toString()));
        command.addAll(command(JAVA_HOME + "/bin/java", ARCHIVE, jvmOptions, rootfs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        PackagedFunctions.lambdaEnvironment(builder.environment(), Path.of(TASK_ROOT), functionName, runtimeApiPort);
        builder.environment().putAll(environment);
        return builder.redirectErrorStream(true);
    }

    /** A path of the image, as it is under the root file system here. */
    public static Path inside(Path rootfs, String imagePath) {
        return rootfs.resolve(imagePath.substring(1));
    }

    /**
     * Copies into the root file system, at the paths the dynamic linker finds them on this machine, the shared
     * libraries the JDK's executables and libraries and the runtime interface client's native library need.
     */
    private static void copySharedLibraries(Path rootfs, Path imageDir, List<Path> runtimeJars) throws IOException,
            InterruptedException {
        List<Path> binaries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(inside(rootfs, JAVA_HOME))) {
            files.filter(f -> f.toString().endsWith(".so") || f.endsWith(Path.of("bin", "java")))
                    .forEach(binaries::add);
        }
        Path jni = Files.createDirectories(imageDir.resolve("jni"));
        for (Path jar : runtimeJars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry("jni/libaws-lambda-jni.linux-x86_64.so");
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Path so = jni.resolve("libaws-lambda-jni.so");
                        Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
                        binaries.add(so);
                    }
                }
            }
        }
        Set<String> jdkLibraries = new TreeSet<>();
        binaries.forEach(binary -> jdkLibraries.add(binary.getFileName().toString()));
        Set<String> libraries = new TreeSet<>();
        for (Path binary : binaries) {
            Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ldd.waitFor();
            for (String line : out.split("\n")) {
                // The JDK's own libraries (libjvm.so from the others) are found by the JVM, loaded already.
                if (line.contains("not found") && !jdkLibraries.contains(line.strip().split("\\s")[0])) {
                    throw new IllegalStateException(binary + " needs a library this machine lacks: " + line.strip());
                }
                Matcher m = LDD_PATH.matcher(line);
                if (m.find() && !Path.of(m.group(1)).startsWith(rootfs.toAbsolutePath())) {
                    libraries.add(m.group(1));
                }
            }
        }
        for (String library : libraries) {
            Path target = inside(rootfs, library);
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Directories.deleteTree(jni);
    }

    private static void setFileTimes(Path rootfs) throws IOException {
        try (Stream<Path> files = Files.walk(rootfs)) {
            files.forEach(f -> {
                try {
                    Files.setLastModifiedTime(f, FILE_TIME);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        run(log.getParent(), log, List.of(command));
    }

    private static void run(Path directory, Path log, List<String> command) throws IOException,
            InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed; see " + log);
        }
    }
}
