package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void controlCharactersInNamesAreEscaped() {
        assertEquals("\"a\\nb\\u0001\\\\c\"", RunReport.quote("a\nb\u0001\\c"));
    }
}
