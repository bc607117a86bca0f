package io.idvmedia.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The preload before a snapshot loads and initializes what its list names, and gets past what it cannot load. */
class ClassPreloadTest {

    private static final AtomicBoolean LISTED_INITIALIZED = new AtomicBoolean();
    private static final AtomicBoolean UNLISTED_INITIALIZED = new AtomicBoolean();

    @Test
    void shouldLoadAndInitializeTheListedClassesAndGetPastThoseThatFail() {
        // GIVEN a list naming a class, a blank line, a class that does not exist and one whose initializer fails
        ClassLoader loader = ClassPreloadTest.class.getClassLoader();

        // WHEN it is preloaded
        int loaded = ClassPreload.run(loader, "preload/classes.txt");

        // THEN the one class that can be was loaded and initialized, and none other
        assertThat(loaded).isEqualTo(1);
        assertThat(LISTED_INITIALIZED).isTrue();
        assertThat(UNLISTED_INITIALIZED).isFalse();
        // AND the class that failed fails again at its first use, as it would have without the preload
        assertThatThrownBy(() -> FailsToInitialize.VALUE.length()).isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void shouldLoadNothingWithoutAList() {
        assertThat(ClassPreload.run(ClassPreloadTest.class.getClassLoader(), "preload/absent.txt")).isZero();
    }

    static final class Listed {
        static {
            LISTED_INITIALIZED.set(true);
        }
    }

    static final class Unlisted {
        static {
            UNLISTED_INITIALIZED.set(true);
        }
    }

    static final class FailsToInitialize {
        static final String VALUE = fail();

        private static String fail() {
            throw new IllegalStateException("initializer fails");
        }
    }
}
