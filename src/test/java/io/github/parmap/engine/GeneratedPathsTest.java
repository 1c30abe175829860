package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.parmap.engine.commit.OutputPaths;
import io.github.parmap.engine.commit.StagingArea;
import io.github.parmap.engine.scan.InputScanner;
import io.github.parmap.engine.scan.PathFilter;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style tests over generated inputs: worker settings, output paths and the relative paths of a scan,
 * each checked against an oracle written here independently of the code under test. Every case comes from a
 * fixed seed (the case number), so a failure names the input and reproduces on every run.
 */
class GeneratedPathsTest {
    private static final int CASES = 400;

    // ---- workers ----

    static Stream<Arguments> workerSettings() {
        return IntStream.range(0, CASES).mapToObj(seed -> {
            Random random = new Random(seed);
            return Arguments.of(randomWorkerSetting(random), 1 + random.nextInt(256));
        });
    }

    /** Mostly near-misses of the accepted forms: digits, dots, C and c, a sign, a comma, a letter, spaces. */
    private static String randomWorkerSetting(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return " ".repeat(random.nextInt(2)) + (1 + random.nextInt(999_999_999)) + " ".repeat(random.nextInt(2));
            case 1:
                return random.nextInt(1000) + (random.nextBoolean() ? "." + random.nextInt(1_000_000) : "") + (random.nextBoolean() ? "C" : "c");
            default:
                String alphabet = "0123456789..Cc- ,x05";
                StringBuilder setting = new StringBuilder();
                for (int i = random.nextInt(8); i > 0; i--) {
                    setting.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                return setting.toString();
        }
    }

    @ParameterizedTest(name = "workers ''{0}'' on {1} cores")
    @MethodSource("workerSettings")
    void workersAreAWholeNumberOrARoundedMultipleOfTheCoresAndAnythingElseIsRejected(String setting, int cores) {
        Integer expected = workersOracle(setting, cores);
        if (expected == null) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> WorkerCount.parse(setting, cores));
            assertEquals("workers", e.parameter());
            assertEquals(setting, e.value());
            assertTrue(e.getMessage().startsWith("<workers> must be "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        } else {
            try {
                assertEquals(expected, WorkerCount.parse(setting, cores));
            } catch (InvalidConfigurationException e) {
                fail("'" + setting + "' is a valid setting, expected " + expected + " workers: " + e.getMessage());
            }
        }
    }

    /**
     * The documented forms, read character by character: up to nine digits meaning at least 1; or a decimal
     * number (up to six digits on each side of an optional point) followed by C, greater than 0, times the
     * cores, rounded half up in exact decimal arithmetic, at least 1. Spaces around the value are ignored.
     */
    private static Integer workersOracle(String setting, int cores) {
        String value = setting.strip();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 9) {
                return null;
            }
            int count = Integer.parseInt(value);
            return count >= 1 ? count : null;
        }
        if (value.length() < 2 || Character.toUpperCase(value.charAt(value.length() - 1)) != 'C') {
            return null;
        }
        String number = value.substring(0, value.length() - 1);
        int point = number.indexOf('.');
        String whole = point < 0 ? number : number.substring(0, point);
        String fraction = point < 0 ? "" : number.substring(point + 1);
        boolean digitsOnly = (whole + fraction).chars().allMatch(Character::isDigit);
        if (!digitsOnly || whole.length() > 6 || fraction.length() > 6 || (point >= 0 && fraction.isEmpty())
                || (whole.isEmpty() && fraction.isEmpty())) {
            return null;
        }
        BigDecimal factor = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        if (factor.signum() <= 0) {
            return null;
        }
        return Math.max(1, factor.multiply(BigDecimal.valueOf(cores)).setScale(0, RoundingMode.HALF_UP).intValueExact());
    }

    // ---- output paths ----

    static Stream<String> requestedOutputPaths() {
        List<String> segments = List.of("a", "b", "..", ".", "", "x y", "caf\u00e9", "-n", ".parmap-staging", ".parmap-stagingX", "...", "..a");
        return IntStream.range(0, CASES).mapToObj(seed -> {
            Random random = new Random(seed);
            List<String> path = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                path.add(segments.get(random.nextInt(segments.size())));
            }
            return (random.nextInt(8) == 0 ? "/" : "") + String.join("/", path);
        });
    }

    @ParameterizedTest(name = "output path ''{0}''")
    @MethodSource("requestedOutputPaths")
    void outputPathsAreNormalizedAndNeverLeaveTheOutputDirectory(String requested, @TempDir Path outputDirectory) {
        String expected = outputPathOracle(requested);
        if (expected == null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputPaths.normalize(requested));
            assertTrue(e.getMessage().startsWith("output path"), e.getMessage());
            return;
        }
        String normalized = OutputPaths.normalize(requested);
        assertEquals(expected, normalized);
        Path resolved = outputDirectory.resolve(normalized).normalize();
        assertTrue(resolved.startsWith(outputDirectory) && !resolved.equals(outputDirectory), () -> resolved + " escapes " + outputDirectory);
        assertFalse(resolved.startsWith(outputDirectory.resolve(StagingArea.DIRECTORY_NAME)), () -> resolved + " is in the staging area");
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

    static Stream<Arguments> generatedTrees() {
        List<String> names = List.of("a", "b", "a b", "-x", "caf\u00e9", "cafe\u0301", "\u65e5\u672c", "\ud83d\ude00", "x.txt", ".hidden", "a.b.c",
                "#1", "back\\slash", "~", "\u00a0nbsp");
        return IntStream.range(0, 60).mapToObj(seed -> {
            Random random = new Random(seed);
            TreeSet<String> files = new TreeSet<>();
            for (int i = 1 + random.nextInt(10); i > 0; i--) {
                List<String> segments = new ArrayList<>();
                for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
                    segments.add(names.get(random.nextInt(names.size())));
                }
                String file = String.join("/", segments);
                // A file cannot also be a directory: keep only paths that are no prefix of another.
                if (files.stream().noneMatch(other -> other.startsWith(file + "/") || file.startsWith(other + "/"))) {
                    files.add(file);
                }
            }
            return Arguments.of(seed, List.copyOf(files));
        });
    }

    @ParameterizedTest(name = "tree {0}: {1}")
    @MethodSource("generatedTrees")
    void scanGivesEverySlashSeparatedRelativePathOnceInOneOrder(int seed, List<String> files, @TempDir Path root) throws IOException {
        Path input = Files.createDirectories(root.resolve("in"));
        for (String file : files) {
            Trees.write(input, file, file);
        }

        List<String> scanned = new InputScanner(input, root.resolve("out"), PathFilter.all(), RunLog.silent()).scan();

        assertEquals(files, scanned, "every file once, '/'-separated, sorted by String order (TreeSet's)");
        for (String relativePath : scanned) {
            assertFalse(relativePath.startsWith("/") || relativePath.endsWith("/") || relativePath.contains("//"), relativePath);
            assertEquals(relativePath, Files.readString(input.resolve(relativePath)), "the relative path resolves to the file");
        }
    }
}
