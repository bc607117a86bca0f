package io.idvmedia.telemetry;

import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * The function a thread works for (get-media, stage-session, ...), kept in the logging MDC under
 * {@value #KEY} so that every log line can say it, and carried into the worker threads a store or a job queue uses
 * for that function's work. On Lambda one process is one function; on the local server every operation shares the
 * process, and this tells their work apart.
 */
public final class OperationContext {

    public static final String KEY = "operation";

    private OperationContext() {
    }

    /** The function the current thread works for, or null outside any. */
    public static String current() {
        Object value = MDC.get(KEY);
        return value == null ? null : value.toString();
    }

    /** Marks the current thread as working for {@code operation} until the returned scope is closed. */
    public static Scope enter(String operation) {
        Object previous = MDC.get(KEY);
        if (operation == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, operation);
        }
        return new Scope(previous);
    }

    /**
     * Marks the current thread as working for {@code operation} until {@link #end}: for a request that begins in one
     * callback and ends in another (a server filter and its response filter), where no scope can span both.
     */
    public static void begin(String operation) {
        MDC.put(KEY, operation);
    }

    /** Ends what {@link #begin} marked. */
    public static void end() {
        MDC.remove(KEY);
    }

    /** The task, run in the caller's function whichever thread runs it. */
    public static <T> Callable<T> carryCall(Callable<T> task) {
        String operation = current();
        return () -> {
            try (Scope ignored = enter(operation)) {
                return task.call();
            }
        };
    }

    /** The supplier, run in the caller's function whichever thread runs it. */
    public static <T> Supplier<T> carrySupplier(Supplier<T> task) {
        String operation = current();
        return () -> {
            try (Scope ignored = enter(operation)) {
                return task.get();
            }
        };
    }

    /** Restores what the thread worked for before. */
    public static final class Scope implements AutoCloseable {

        private final Object previous;

        private Scope(Object previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }
}
