package io.idvmedia.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads and initializes the application's classes before a SnapStart snapshot, from the list the build writes of them
 * ({@value #LIST}: every class of the application, the generated ones too), so that a restored instance finds them
 * loaded, verified and initialized. Quarkus would do it at the start of every init
 * ({@code quarkus.snapstart.preload-classes}); the functions turn that off, because an on-demand start would then load
 * all of them, those of the twelve other operations too, while its first event waits, and run it here instead, in
 * the snapshot's init only.
 */
final class ClassPreload {

    /** Written by Quarkus's build, one class name per line. */
    static final String LIST = "META-INF/quarkus-generated-preload-classes.txt";

    private ClassPreload() {
    }

    /** @return how many of the listed classes were loaded and initialized (one that fails is left to its first use) */
    static int run(ClassLoader loader) {
        return run(loader, LIST);
    }

    static int run(ClassLoader loader, String list) {
        int loaded = 0;
        try (InputStream in = loader.getResourceAsStream(list)) {
            if (in == null) {
                return 0;
            }
            BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = names.readLine(); line != null; line = names.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && load(name, loader)) {
                    loaded++;
                }
            }
        } catch (IOException e) {
            // The list unreadable from here on: what was loaded stays loaded, the rest loads at its first use.
        }
        return loaded;
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, true, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            // A class missing, or failing its initializer, is loaded (and fails) at its first use as it would without
            // the preload.
            return false;
        }
    }
}
