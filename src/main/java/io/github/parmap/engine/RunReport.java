package io.github.parmap.engine;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code report.json}: per file its relative path, how it ended and how long it took, plus the run's
 * totals and its slowest files. What users profile their processors with.
 */
final class RunReport {
    /** How many of the slowest files the report and the log name. */
    static final int SLOWEST = 10;

    private RunReport() {}

    static void write(Path file, String processor, ProcessingResult result, List<InputFile> items, ItemTimings timings) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write("{\n");
            out.write("  \"formatVersion\": 1,\n");
            out.write("  \"processor\": " + quote(processor) + ",\n");
            out.write("  \"totals\": {\"files\": " + result.itemCount() + ", \"processed\": " + result.processed()
                    + ", \"upToDate\": " + result.upToDate() + ", \"failed\": " + result.failures().size()
                    + ", \"notStarted\": " + result.notStarted() + ", \"staleOutputsRemoved\": " + result.removed()
                    + ", \"outputsWritten\": " + result.outputsCommitted() + ", \"workers\": " + result.workers()
                    + ", \"wallTimeMillis\": " + millis(result.wallTime().toNanos())
                    + ", \"filesPerSecond\": " + String.format(Locale.ROOT, "%.1f", result.itemsPerSecond()) + "},\n");
            out.write("  \"slowest\": [");
            List<Integer> slowest = timings.slowest(SLOWEST);
            for (int i = 0; i < slowest.size(); i++) {
                int item = slowest.get(i);
                out.write((i == 0 ? "\n" : ",\n") + "    {\"path\": " + quote(items.get(item).relativePath()) + ", \"millis\": "
                        + millis(timings.nanos(item)) + "}");
            }
            out.write(slowest.isEmpty() ? "],\n" : "\n  ],\n");
            out.write("  \"files\": [");
            for (int item = 0; item < items.size(); item++) {
                out.write((item == 0 ? "\n" : ",\n") + "    {\"path\": " + quote(items.get(item).relativePath()) + ", \"status\": "
                        + quote(timings.status(item).text()) + ", \"millis\": " + millis(timings.nanos(item)) + "}");
            }
            out.write(items.isEmpty() ? "]\n" : "\n  ]\n");
            out.write("}\n");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
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
}
