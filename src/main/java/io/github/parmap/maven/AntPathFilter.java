package io.github.parmap.maven;

import io.github.parmap.engine.PathFilter;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.MatchPatterns;

/**
 * Ant-style includes and excludes as every Maven plugin reads them ({@code **}{@code /*.png},
 * {@code docs/}), with Maven's default excludes for version control and operating system files always added.
 */
final class AntPathFilter implements PathFilter {
    private final MatchPatterns includes;
    private final MatchPatterns excludes;
    /** Excludes that end in {@code **}: a directory they match has no included file below it. */
    private final MatchPatterns subtreeExcludes;

    AntPathFilter(List<String> includes, List<String> excludes) {
        List<String> includePatterns = normalize(includes);
        if (includePatterns.isEmpty()) {
            includePatterns = List.of("**");
        }
        List<String> excludePatterns = normalize(excludes);
        excludePatterns.addAll(Arrays.asList(AbstractScanner.DEFAULTEXCLUDES));
        this.includes = MatchPatterns.from(includePatterns);
        this.excludes = MatchPatterns.from(excludePatterns);
        this.subtreeExcludes = MatchPatterns.from(excludePatterns.stream().filter(p -> p.endsWith("**")).toList());
    }

    @Override
    public boolean includesFile(String relativePath) {
        String path = toPlatformSeparators(relativePath);
        // Split once for all patterns: every file meets the includes and Maven's forty-odd default excludes.
        char[][] segments = segments(relativePath);
        return includes.matches(path, segments, true) && !excludes.matches(path, segments, true);
    }

    private static char[][] segments(String relativePath) {
        String[] parts = relativePath.split("/");
        char[][] segments = new char[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = parts[i].toCharArray();
        }
        return segments;
    }

    @Override
    public boolean mayIncludeFilesUnder(String relativePath) {
        String path = toPlatformSeparators(relativePath);
        return includes.matchesPatternStart(path, true) && !subtreeExcludes.matches(path, true);
    }

    /** Drops empty patterns and, as Maven's scanners do, reads a trailing slash as "everything below". */
    private static List<String> normalize(List<String> patterns) {
        List<String> normalized = new ArrayList<>();
        if (patterns != null) {
            for (String pattern : patterns) {
                if (pattern != null && !pattern.isBlank()) {
                    String trimmed = pattern.trim().replace('\\', '/');
                    normalized.add(trimmed.endsWith("/") ? trimmed + "**" : trimmed);
                }
            }
        }
        return normalized;
    }

    private static String toPlatformSeparators(String relativePath) {
        return File.separatorChar == '/' ? relativePath : relativePath.replace('/', File.separatorChar);
    }
}
