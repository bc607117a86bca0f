package io.idvmedia.lambda;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.jboss.logging.Logger;

/**
 * Says at start whether the JVM maps the class-data archive the functions' container image names (its entry point
 * sets {@value #PROPERTY} to the archive's path; on the managed runtime nothing is named and nothing is said). The JVM
 * uses an archive only with the jars and the JDK it was made with, each file's time included, and starts without it,
 * silently and several hundred milliseconds slower, when they differ: this line is how a deployment sees which.
 */
final class ClassDataArchive {

    /** The system property that names the image's archive (outside {@code idv.}, whose every key must be a setting). */
    static final String PROPERTY = "idvmedia.class-data-archive";
    private static final Logger LOG = Logger.getLogger(ClassDataArchive.class);

    private ClassDataArchive() {
    }

    /** Logs whether the archive named by {@value #PROPERTY} is mapped; nothing where none is named. */
    static void report() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isBlank()) {
            return;
        }
        boolean mapped = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseSharedSpaces").getValue());
        if (mapped) {
            LOG.info(message(archive, true));
        } else {
            LOG.warn(message(archive, false));
        }
    }

    static String message(String archive, boolean mapped) {
        return mapped ? "Class-data archive " + archive + " in use"
                : "Class-data archive " + archive + " NOT in use: the JVM could not map it (its jars' times or the JDK"
                        + " are not those it was made with), so every class is loaded from its jar; see docs/lambda.md";
    }
}
