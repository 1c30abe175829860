package io.github.parmap.engine.report;

import io.github.parmap.engine.state.Reason;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.support.AtomicFileWrite;
import io.github.parmap.engine.support.RunStoppedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code report.json}: per file its relative path, how it ended and how long it took, plus the run's
 * totals and its slowest files. What users profile their processors with.
 */
public final class RunReport {
    /** How many of the slowest files the report and the log name. */
    static final int SLOWEST = 10;

    /**
     * From here on (about eleven days) a duration in milliseconds has more significant digits than a double
     * keeps exactly, so only {@code %.3f} itself is sure to print what earlier reports printed.
     */
    private static final long EXACT_NANOS = 1_000_000_000_000_000L;

    /** Enough for the milliseconds of any duration below {@link #EXACT_NANOS}. */
    private static final int MILLIS_CHARS = 24;

    // The pieces of a file's line, encoded once: a report has a million lines for a million files.
    private static final byte[] FIRST_FILE = ascii("\n    {\"path\": ");
    private static final byte[] NEXT_FILE = ascii(",\n    {\"path\": ");
    private static final byte[][] STATUS = Arrays.stream(ItemOutcomes.Status.values())
            .map(status -> ascii(", \"status\": \"" + status.text() + '"')).toArray(byte[][]::new);
    private static final byte[] REASON = ascii(", \"reason\": ");
    private static final byte[] MILLIS = ascii(", \"millis\": ");
    private static final byte[] END_FILE = ascii("}");

    private RunReport() {}

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Replaces the report with this run's: the totals, the slowest files, and a line per file, streamed.
     *
     * @throws RunStoppedException naming the file when it cannot be written
     */
    public static void write(Path file, String processor, ProcessingResult result, List<InputFile> items, ItemOutcomes timings) throws IOException {
        Files.createDirectories(file.getParent());
        char[] digits = new char[MILLIS_CHARS];
        AtomicFileWrite.replace(file, stream -> {
            JsonBytes out = new JsonBytes(stream);
            out.raw("{\n  \"formatVersion\": 1,\n  \"processor\": ").string(processor);
            out.raw(",\n  \"totals\": {\"files\": " + result.itemCount() + ", \"processed\": " + result.processed()
                    + ", \"upToDate\": " + result.upToDate() + ", \"failed\": " + result.failures().size()
                    + ", \"notStarted\": " + result.notStarted() + ", \"staleOutputsRemoved\": " + result.removed()
                    + ", \"outputsWritten\": " + result.outputsCommitted() + ", \"workers\": " + result.workers()
                    + ", \"wallTimeMillis\": " + millis(result.wallTime().toNanos())
                    + ", \"filesPerSecond\": " + String.format(Locale.ROOT, "%.1f", result.itemsPerSecond()) + "},\n");
            out.raw("  \"slowest\": [");
            List<Integer> slowest = timings.slowest(SLOWEST);
            for (int i = 0; i < slowest.size(); i++) {
                int item = slowest.get(i);
                out.raw(i == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ").string(items.get(item).relativePath()).raw(", \"millis\": ");
                writeMillis(out, timings.nanos(item), digits);
                out.raw("}");
            }
            out.raw(slowest.isEmpty() ? "],\n" : "\n  ],\n");
            out.raw("  \"files\": [");
            for (int item = 0; item < items.size(); item++) {
                out.raw(item == 0 ? FIRST_FILE : NEXT_FILE).string(items.get(item).relativePath());
                out.raw(STATUS[timings.status(item).ordinal()]);
                Reason reason = timings.reason(item);
                if (reason != null) {
                    out.raw(REASON).string(reason.words());
                }
                out.raw(MILLIS);
                writeMillis(out, timings.nanos(item), digits);
                out.raw(END_FILE);
            }
            out.raw(items.isEmpty() ? "]\n" : "\n  ]\n");
            out.raw("}\n");
            out.flush();
        });
    }

    /** @return the duration in milliseconds with three decimals, rounded half up, as {@code %.3f} prints it */
    public static String millis(long nanos) {
        if (nanos < 0 || nanos >= EXACT_NANOS) {
            return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
        }
        char[] digits = new char[MILLIS_CHARS];
        int start = fillMillis(nanos, digits);
        return new String(digits, start, digits.length - start);
    }

    private static void writeMillis(JsonBytes out, long nanos, char[] digits) throws IOException {
        if (nanos < 0 || nanos >= EXACT_NANOS) {
            out.raw(millis(nanos));
        } else {
            out.ascii(digits, fillMillis(nanos, digits));
        }
    }

    /**
     * Writes a non-negative duration below {@link #EXACT_NANOS} into the end of {@code digits} by integer
     * arithmetic: {@code %.3f} rounds the exact decimal value half up, and so does this, without its
     * per-call formatter.
     *
     * @return where the text starts
     */
    private static int fillMillis(long nanos, char[] digits) {
        long micros = (nanos + 500) / 1000;
        int at = digits.length;
        for (int i = 0; i < 3; i++) {
            digits[--at] = (char) ('0' + micros % 10);
            micros /= 10;
        }
        digits[--at] = '.';
        do {
            digits[--at] = (char) ('0' + micros % 10);
            micros /= 10;
        } while (micros > 0);
        return at;
    }
}
