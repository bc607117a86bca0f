package io.idvmedia.telemetry;

/**
 * Where {@link Metrics} keeps counters and timers besides its embedded-metric-format lines: the local server's
 * Micrometer registry. A Lambda function is built without one ({@link #NONE}), its metrics being the log lines.
 */
public interface Meters {

    /** Keeps nothing. */
    Meters NONE = new Meters() {
        @Override
        public void count(String name, String description, String baseUnit, double amount, String... tags) {
        }

        @Override
        public void time(String name, String description, long nanos, String... tags) {
        }
    };

    /**
     * Adds to a counter.
     *
     * @param baseUnit the counter's unit, or null
     * @param tags names and values, alternating
     */
    void count(String name, String description, String baseUnit, double amount, String... tags);

    /** Records a duration on a timer; {@code tags} alternate names and values. */
    void time(String name, String description, long nanos, String... tags);
}
