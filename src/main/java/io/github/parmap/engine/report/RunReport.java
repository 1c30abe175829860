package io.github.parmap.engine.report;

import io.github.parmap.engine.state.Reason;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.support.AtomicFileWrite;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private RunReport() {}

    // A report has a line per file, so those lines are written piece by piece: no line, duration or name of
    // a file becomes a String of its own unless the name needs escaping.
    public static void write(Path file, String processor, ProcessingResult result, List<InputFile> items, ItemOutcomes timings) throws IOException {
        Files.createDirectories(file.getParent());
        char[] digits = new char[MILLIS_CHARS];
        AtomicFileWrite.replace(file, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.write("{\n  \"formatVersion\": 1,\n  \"processor\": ");
            writeQuoted(out, processor);
            out.write(",\n  \"totals\": {\"files\": " + result.itemCount() + ", \"processed\": " + result.processed()
                    + ", \"upToDate\": " + result.upToDate() + ", \"failed\": " + result.failures().size()
                    + ", \"notStarted\": " + result.notStarted() + ", \"staleOutputsRemoved\": " + result.removed()
                    + ", \"outputsWritten\": " + result.outputsCommitted() + ", \"workers\": " + result.workers()
                    + ", \"wallTimeMillis\": " + millis(result.wallTime().toNanos())
                    + ", \"filesPerSecond\": " + String.format(Locale.ROOT, "%.1f", result.itemsPerSecond()) + "},\n");
            out.write("  \"slowest\": [");
            List<Integer> slowest = timings.slowest(SLOWEST);
            for (int i = 0; i < slowest.size(); i++) {
                int item = slowest.get(i);
                out.write(i == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ");
                writeQuoted(out, items.get(item).relativePath());
                out.write(", \"millis\": ");
                writeMillis(out, timings.nanos(item), digits);
                out.write('}');
            }
            out.write(slowest.isEmpty() ? "],\n" : "\n  ],\n");
            out.write("  \"files\": [");
            for (int item = 0; item < items.size(); item++) {
                out.write(item == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ");
                writeQuoted(out, items.get(item).relativePath());
                out.write(", \"status\": ");
                writeQuoted(out, timings.status(item).text());
                Reason reason = timings.reason(item);
                if (reason != null) {
                    out.write(", \"reason\": ");
                    writeQuoted(out, reason.words());
                }
                out.write(", \"millis\": ");
                writeMillis(out, timings.nanos(item), digits);
                out.write('}');
            }
            out.write(items.isEmpty() ? "]\n" : "\n  ]\n");
            out.write("}\n");
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

    private static void writeMillis(Writer out, long nanos, char[] digits) throws IOException {
        if (nanos < 0 || nanos >= EXACT_NANOS) {
            out.write(millis(nanos));
        } else {
            int start = fillMillis(nanos, digits);
            out.write(digits, start, digits.length - start);
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

    /** Writes the text as a JSON string; most names need no escaping and are written as they are. */
    private static void writeQuoted(Writer out, String text) throws IOException {
        if (firstToEscape(text) < 0) {
            out.write('"');
            out.write(text);
            out.write('"');
        } else {
            out.write(quote(text));
        }
    }

    public static String quote(String text) {
        int first = firstToEscape(text);
        if (first < 0) {
            return '"' + text + '"';
        }
        StringBuilder json = new StringBuilder(text.length() + 8).append('"').append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** @return the index of the first character JSON needs escaped, or -1 */
    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                return i;
            }
        }
        return -1;
    }
}
