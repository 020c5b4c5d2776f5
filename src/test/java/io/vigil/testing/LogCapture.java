package io.vigil.testing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * What the application logs while a test runs, rendered as the console renders it (message and stack trace), so a
 * test can look at the lines a log reader would see. Close it to stop capturing.
 */
public final class LogCapture extends ExtHandler implements AutoCloseable {

    /** Quarkus' default console format. */
    private static final String FORMAT = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n";
    /** Everything a terminal or a log viewer may start a new line at. */
    private static final String LINE_BREAKS = "\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]";

    private final List<String> entries = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setFormatter(new PatternFormatter(FORMAT));
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        entries.add(getFormatter().format(record));
    }

    /** Each log entry as rendered, possibly over several lines (a stack trace). */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Every line of every entry, split wherever a reader would see a new line begin. */
    public List<String> lines() {
        return entries.stream().flatMap(e -> Arrays.stream(e.split(LINE_BREAKS))).toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
