package io.github.parmap.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.Runs;
import io.github.parmap.engine.Trees;
import io.github.parmap.engine.scan.InputFile;
import io.github.parmap.engine.state.Incremental;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.json names every file with its status and duration, and the run's totals and slowest files. */
class RunReportTest {

    @TempDir
    Path root;

    /** Sleeps as many milliseconds as the file says; fails on "fail". */
    public static final class Timed implements ItemProcessor {
        @Override
        public void process(Item item) throws Exception {
            String text = Files.readString(item.path()).trim();
            if (text.equals("fail")) {
                throw new IllegalStateException("told to fail");
            }
            Thread.sleep(Long.parseLong(text));
            Files.writeString(item.output(), text);
        }
    }

    @Test
    void reportListsEveryFileWithStatusAndDurationAndTheSlowestFirst() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "quick.txt", "1");
        Trees.write(input, "slow \"one\".txt", "120");
        Trees.write(input, "bad.txt", "fail");
        Path report = root.resolve("state/report.json");
        Incremental incremental = new Incremental(root.resolve("state"), "c", false);

        ParallelRun.execute(Runs.request(input, root.resolve("out"), Timed.class).incremental(incremental).reportFile(report).build());
        String first = Files.readString(report);

        assertTrue(first.contains("\"totals\": {\"files\": 3, \"processed\": 2, \"upToDate\": 0, \"failed\": 1"), first);
        assertTrue(first.contains("{\"path\": \"bad.txt\", \"status\": \"failed\""), first);
        assertTrue(first.contains("{\"path\": \"quick.txt\", \"status\": \"processed\""), first);
        Matcher slowest = Pattern.compile("\"slowest\": \\[\\s*\\{\"path\": \"((?:[^\"\\\\]|\\\\.)*)\", \"millis\": ([0-9.]+)").matcher(first);
        assertTrue(slowest.find(), first);
        assertEquals("slow \\\"one\\\".txt", slowest.group(1), "names are JSON strings, quotes escaped");
        assertTrue(Double.parseDouble(slowest.group(2)) >= 120, "the slow file slept 120 ms: " + slowest.group(2));

        ParallelRun.execute(Runs.request(input, root.resolve("out"), Timed.class).incremental(incremental).reportFile(report).build());
        String second = Files.readString(report);

        assertTrue(second.contains("\"totals\": {\"files\": 3, \"processed\": 0, \"upToDate\": 2, \"failed\": 1"), second);
        assertTrue(second.contains("{\"path\": \"quick.txt\", \"status\": \"up to date\""), second);
        assertTrue(!Files.exists(root.resolve("state/report.json.tmp")));
    }

    @Test
    void reportKeepsItsLayoutOfTotalsSlowestFilesAndEveryFile() throws Exception {
        List<InputFile> items = List.of(new InputFile("a.txt", 1, 1), new InputFile("dir/b \"q\".txt", 1, 1),
                new InputFile("c\u0007.txt", 1, 1), new InputFile("späť 😀.txt", 1, 1));
        ItemOutcomes timings = new ItemOutcomes(items.size());
        timings.completed(0, ItemOutcomes.Status.PROCESSED, 1_234_500, 1);
        timings.failed(1, "dir/b \"q\".txt", new IllegalStateException(), 999);
        timings.completed(2, ItemOutcomes.Status.UP_TO_DATE, 0, 0);
        ProcessingResult result = new ProcessingResult(4, 1, 1, 2, 3, List.of(), List.of(), 1, 2, Duration.ofNanos(2_000_000_500));
        Path report = root.resolve("report.json");

        RunReport.write(report, "my.Processor", result, items, timings);

        assertEquals("""
                {
                  "formatVersion": 1,
                  "processor": "my.Processor",
                  "totals": {"files": 4, "processed": 1, "upToDate": 1, "failed": 0, "notStarted": 1, "staleOutputsRemoved": 2, \
                "outputsWritten": 3, "workers": 2, "wallTimeMillis": 2000.001, "filesPerSecond": 0.5},
                  "slowest": [
                    {"path": "a.txt", "millis": 1.235},
                    {"path": "dir/b \\"q\\".txt", "millis": 0.001}
                  ],
                  "files": [
                    {"path": "a.txt", "status": "processed", "millis": 1.235},
                    {"path": "dir/b \\"q\\".txt", "status": "failed", "millis": 0.001},
                    {"path": "c\\u0007.txt", "status": "up to date", "millis": 0.000},
                    {"path": "späť 😀.txt", "status": "not started", "millis": 0.000}
                  ]
                }
                """, Files.readString(report));
    }

    @Test
    void emptyRunHasEmptyLists() throws Exception {
        Path report = root.resolve("report.json");
        ProcessingResult result = new ProcessingResult(0, 0, 0, 0, 0, List.of(), List.of(), 0, 1, Duration.ZERO);

        RunReport.write(report, "p", result, List.of(), new ItemOutcomes(0));

        String text = Files.readString(report);
        assertTrue(text.contains("\"wallTimeMillis\": 0.000, \"filesPerSecond\": 0.0},\n  \"slowest\": [],\n  \"files\": []\n}\n"), text);
    }

    @Test
    void millisHaveThreeDecimalsRoundedHalfUpAsPrintfPrintsThem() {
        long[] nanos = {0, 1, 499, 500, 999, 1_000, 1_499, 1_500, 999_499, 999_500, 999_999, 1_000_000, 1_234_499, 1_234_500,
            1_234_501, 9_999_999, 99_999_500, 123_456_789, 1_000_000_000, 59_999_999_500L, 3_600_000_000_000L,
            1_000_000_000_000L, 999_999_999_999_500L, 1_000_000_000_000_000L, Long.MAX_VALUE};
        for (long value : nanos) {
            assertEquals(String.format(Locale.ROOT, "%.3f", value / 1e6), RunReport.millis(value), value + " ns");
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long value = random.nextLong(1L << (1 + random.nextInt(50)));
            assertEquals(String.format(Locale.ROOT, "%.3f", value / 1e6), RunReport.millis(value), value + " ns");
        }
        assertEquals("1.235", RunReport.millis(1_234_500));
        assertEquals("1000000.000", RunReport.millis(1_000_000_000_000L));
    }
}
