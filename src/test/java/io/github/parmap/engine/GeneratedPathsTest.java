package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.commit.OutputPaths;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.scan.InputScanner;
import io.github.parmap.engine.scan.PathFilter;
import io.github.parmap.engine.support.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style tests over generated inputs: output paths and the relative paths of a scan, each checked
 * against an oracle written here independently of the code under test. Each test runs every case, drawn from
 * a fixed seed (the case number), and names the first that fails.
 */
class GeneratedPathsTest {
    private static final int CASES = 400;

    // ---- output paths ----

    private static final List<String> OUTPUT_SEGMENTS =
            List.of("a", "b", "..", ".", "", "x y", "caf\u00e9", "-n", ".parmap-staging", ".parmap-stagingX", "...", "..a");

    private static String requestedOutputPath(Random random) {
        List<String> path = new ArrayList<>();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            path.add(OUTPUT_SEGMENTS.get(random.nextInt(OUTPUT_SEGMENTS.size())));
        }
        return (random.nextInt(8) == 0 ? "/" : "") + String.join("/", path);
    }

    @Test
    void outputPathsAreNormalizedAndNeverLeaveTheOutputDirectory(@TempDir Path outputDirectory) throws Exception {
        SeededCases.check(CASES, (seed, random) -> {
            String requested = requestedOutputPath(random);
            String expected = outputPathOracle(requested);
            if (expected == null) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize(requested),
                        () -> "'" + requested + "' leaves the output directory or names nothing");
                assertTrue(e.getMessage().startsWith("output path"), e.getMessage());
                return;
            }
            String normalized = OutputPaths.normalize(requested);
            assertEquals(expected, normalized, () -> "'" + requested + "'");
            Path resolved = outputDirectory.resolve(normalized).normalize();
            assertTrue(resolved.startsWith(outputDirectory) && !resolved.equals(outputDirectory), () -> resolved + " escapes " + outputDirectory);
            assertFalse(resolved.startsWith(outputDirectory.resolve(StagingArea.DIRECTORY_NAME)), () -> resolved + " is in the staging area");
        });
    }

    /**
     * A path is resolved segment by segment on a stack: {@code .} and empty segments stay, {@code ..} goes
     * up and must not go above the output directory; the result must name something below it and not the
     * staging area. An absolute path is rejected.
     */
    private static String outputPathOracle(String requested) {
        if (requested.isBlank() || requested.startsWith("/")) {
            return null;
        }
        Deque<String> stack = new ArrayDeque<>();
        for (String segment : requested.split("/", -1)) {
            if (segment.equals("..")) {
                if (stack.isEmpty()) {
                    return null;
                }
                stack.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                stack.addLast(segment);
            }
        }
        if (stack.isEmpty() || stack.peekFirst().equals(StagingArea.DIRECTORY_NAME)) {
            return null;
        }
        return String.join("/", stack);
    }

    // ---- relative paths of a scan ----

    private static final List<String> FILE_NAMES = List.of("a", "b", "a b", "-x", "caf\u00e9", "cafe\u0301", "\u65e5\u672c", "\ud83d\ude00",
            "x.txt", ".hidden", "a.b.c", "#1", "back\\slash", "~", "\u00a0nbsp");

    /** Up to ten files, up to four levels deep, none of them also a directory of another. */
    private static List<String> generatedTree(Random random) {
        TreeSet<String> files = new TreeSet<>();
        for (int i = 1 + random.nextInt(10); i > 0; i--) {
            List<String> segments = new ArrayList<>();
            for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
                segments.add(FILE_NAMES.get(random.nextInt(FILE_NAMES.size())));
            }
            String file = String.join("/", segments);
            if (files.stream().noneMatch(other -> other.startsWith(file + "/") || file.startsWith(other + "/"))) {
                files.add(file);
            }
        }
        return List.copyOf(files);
    }

    @Test
    void scanGivesEverySlashSeparatedRelativePathOnceInOneOrder(@TempDir Path root) throws Exception {
        SeededCases.check(60, (seed, random) -> {
            List<String> files = generatedTree(random);
            Path input = Files.createDirectories(root.resolve(seed + "/in"));
            for (String file : files) {
                Trees.write(input, file, file);
            }

            List<String> scanned = new InputScanner(input, root.resolve(seed + "/out"), PathFilter.all(), RunLog.silent()).scan();

            assertEquals(files, scanned, "every file once, '/'-separated, sorted by String order (TreeSet's)");
            for (String relativePath : scanned) {
                assertFalse(relativePath.startsWith("/") || relativePath.endsWith("/") || relativePath.contains("//"), relativePath);
                assertEquals(relativePath, Files.readString(input.resolve(relativePath)), "the relative path resolves to the file");
            }
        });
    }
}
