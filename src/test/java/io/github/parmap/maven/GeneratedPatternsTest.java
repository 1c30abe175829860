package io.github.parmap.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.SeededCases;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Includes and excludes over generated patterns and paths, checked against an Ant-pattern matcher written
 * here from Ant's rules, for a small alphabet: segments of {@code a}, {@code b}, {@code *} and {@code ?}, and
 * whole {@code **} segments, which match zero or more directories. Paths are built from segments of {@code a}
 * and {@code b}, so that Maven's default excludes (which name {@code .git}, {@code *~} and the like) never
 * apply. Each test runs every case, drawn from a fixed seed (the case number), and names the first that fails.
 */
class GeneratedPatternsTest {
    private static final int CASES = 300;
    private static final List<String> PATH_SEGMENTS = List.of("a", "b", "ab", "ba", "aa", "bb", "aba");

    /** One case: up to two includes and two excludes, and thirty paths to try them on. */
    private record Filter(List<String> includes, List<String> excludes, List<String> paths) {
        static Filter generate(Random random) {
            List<String> includes = patterns(random, random.nextInt(3));
            List<String> excludes = patterns(random, random.nextInt(3));
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                paths.add(path(random));
            }
            return new Filter(includes, excludes, paths);
        }
    }

    private static List<String> patterns(Random random, int count) {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> segments = new ArrayList<>();
            for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
                segments.add(random.nextInt(4) == 0 ? "**" : patternSegment(random));
            }
            patterns.add(String.join("/", segments) + (random.nextInt(6) == 0 ? "/" : ""));
        }
        return patterns;
    }

    /** One to three of a, b, *, ?, never two stars in a row (inside a name, Ant reads {@code **} as {@code *}). */
    private static String patternSegment(Random random) {
        String alphabet = "ab*?";
        StringBuilder segment = new StringBuilder();
        for (int length = 1 + random.nextInt(3); length > 0; length--) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            if (c == '*' && segment.length() > 0 && segment.charAt(segment.length() - 1) == '*') {
                c = 'a';
            }
            segment.append(c);
        }
        return segment.toString().equals("**") ? "*a" : segment.toString();
    }

    private static String path(Random random) {
        List<String> segments = new ArrayList<>();
        for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
            segments.add(PATH_SEGMENTS.get(random.nextInt(PATH_SEGMENTS.size())));
        }
        return String.join("/", segments);
    }

    @Test
    void includesAndExcludesSelectExactlyWhatAntsRulesSelect() throws Exception {
        SeededCases.check(CASES, (seed, random) -> {
            Filter generated = Filter.generate(random);
            List<String> includes = generated.includes();
            List<String> excludes = generated.excludes();
            AntPathFilter filter = new AntPathFilter(includes, excludes);
            for (String path : generated.paths()) {
                boolean included = (includes.isEmpty() || includes.stream().anyMatch(pattern -> antMatches(pattern, path)))
                        && excludes.stream().noneMatch(pattern -> antMatches(pattern, path));
                assertEquals(included, filter.includesFile(path), () -> path + " with includes " + includes + " and excludes " + excludes);
            }
        });
    }

    @Test
    void aDirectoryTheScannerSkipsHoldsNoIncludedFile() throws Exception {
        SeededCases.check(CASES, (seed, random) -> {
            Filter generated = Filter.generate(random);
            AntPathFilter filter = new AntPathFilter(generated.includes(), generated.excludes());
            for (String path : generated.paths()) {
                if (filter.includesFile(path)) {
                    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                        String directory = path.substring(0, slash);
                        assertTrue(filter.mayIncludeFilesUnder(directory), () -> directory + " is skipped, but " + path
                                + " below it is included (includes " + generated.includes() + ", excludes " + generated.excludes() + ")");
                    }
                }
            }
        });
    }

    /** Ant's rules: a trailing {@code /} means {@code /**}; {@code **} matches zero or more whole directories. */
    static boolean antMatches(String pattern, String path) {
        String full = pattern.endsWith("/") ? pattern + "**" : pattern;
        return matches(full.split("/"), 0, path.split("/"), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] path, int s) {
        if (p == pattern.length) {
            return s == path.length;
        }
        if (pattern[p].equals("**")) {
            return matches(pattern, p + 1, path, s) || (s < path.length && matches(pattern, p, path, s + 1));
        }
        return s < path.length && segmentMatches(pattern[p], path[s]) && matches(pattern, p + 1, path, s + 1);
    }

    private static boolean segmentMatches(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name.matches(regex.toString());
    }
}
