package io.idvmedia.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The formatted lines a logger category writes while a test runs; close it to stop listening. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    public static LogCapture of(String category) {
        return new LogCapture(category);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first line holding every fragment, waited for up to 10 s (lines are written when responses end). */
    public String await(String... fragments) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines) {
                if (List.of(fragments).stream().allMatch(line::contains)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No line with " + List.of(fragments) + " in " + lines);
    }

    @Override
    public void publish(LogRecord record) {
        Object[] params = record.getParameters();
        String message = record.getMessage();
        if (params != null && params.length > 0) {
            try {
                message = String.format(message, params);
            } catch (RuntimeException notPrintfStyle) {
                message = MessageFormat.format(message, params);
            }
        }
        lines.add(message);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
