package io.github.parmap.maven;

import io.github.parmap.engine.scan.PathFilter;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.MatchPatterns;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * Ant-style includes and excludes as every Maven plugin reads them ({@code **}{@code /*.png},
 * {@code docs/}), with Maven's default excludes for version control and operating system files always added.
 */
final class AntPathFilter implements PathFilter {
    private final MatchPatterns includes;
    /** Whether the includes are {@code **}, which every path matches. */
    private final boolean includesAll;
    private final NamePatterns excludes;
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
        this.includesAll = includePatterns.stream().allMatch("**"::equals);
        this.excludes = new NamePatterns(excludePatterns);
        this.subtreeExcludes = MatchPatterns.from(excludePatterns.stream().filter(p -> p.endsWith("**")).toList());
    }

    @Override
    public boolean includesFile(String relativePath) {
        if (includesAll && excludes.byNameOnly() && !excludes.mayMatchAnyName(relativePath)) {
            return true; // the common case, decided without splitting the path: no name is like any exclude's
        }
        String path = toPlatformSeparators(relativePath);
        // Split once for all patterns: every file meets the includes and Maven's forty-odd default excludes.
        String[] names = relativePath.split("/");
        char[][] segments = new char[names.length][];
        for (int i = 0; i < names.length; i++) {
            segments[i] = names[i].toCharArray();
        }
        return includes.matches(path, segments, true) && !excludes.matches(path, names, segments);
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

    /**
     * Excludes, with the ones of the forms {@code **}{@code /NAME} and {@code **}{@code /NAME/**} (NAME one
     * name, possibly with {@code *} and {@code ?}) checked against names rather than whole paths: Maven's
     * default excludes are all of these forms, and every file of a run meets all of them. In Ant's matching,
     * the first form matches a path whose last name matches NAME, the second a path with any name that does;
     * every other pattern goes to plexus-utils' matcher as it is.
     */
    static final class NamePatterns {
        private static final String ANY_DIRECTORIES = "**/";
        private static final String ANY_BELOW = "/**";

        private final Set<String> lastNames = new HashSet<>();
        private final List<char[]> lastNameWildcards = new ArrayList<>();
        private final Set<String> anyNames = new HashSet<>();
        private final List<char[]> anyNameWildcards = new ArrayList<>();
        private final MatchPatterns others;
        private final boolean hasOthers;
        /** The first characters of the name patterns that begin with one, for a quick "not like any" test. */
        private String literalFirsts = "";
        /** The last characters of the name patterns that begin with a wildcard and end with a character. */
        private String literalLastsAfterWildcard = "";
        /** Whether a name pattern begins and ends with wildcards: then any name may match it. */
        private boolean anyNameMayMatch;

        NamePatterns(List<String> patterns) {
            List<String> general = new ArrayList<>();
            for (String pattern : patterns) {
                if (pattern.startsWith(ANY_DIRECTORIES) && pattern.endsWith(ANY_BELOW) && isOneName(nameOf(pattern, ANY_BELOW.length()))) {
                    add(nameOf(pattern, ANY_BELOW.length()), anyNames, anyNameWildcards);
                } else if (pattern.startsWith(ANY_DIRECTORIES) && isOneName(nameOf(pattern, 0))) {
                    add(nameOf(pattern, 0), lastNames, lastNameWildcards);
                } else {
                    general.add(pattern);
                }
            }
            others = MatchPatterns.from(general);
            hasOthers = !general.isEmpty();
        }

        private static String nameOf(String pattern, int suffixLength) {
            return pattern.length() - suffixLength < ANY_DIRECTORIES.length() ? ""
                    : pattern.substring(ANY_DIRECTORIES.length(), pattern.length() - suffixLength);
        }

        private static boolean isOneName(String name) {
            return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && !name.contains("**")
                    && !name.startsWith("%regex[") && !name.startsWith("%ant[");
        }

        private void add(String name, Set<String> literals, List<char[]> wildcards) {
            char first = name.charAt(0);
            char last = name.charAt(name.length() - 1);
            if (!isWildcard(first)) {
                literalFirsts += first;
            } else if (!isWildcard(last)) {
                literalLastsAfterWildcard += last;
            } else {
                anyNameMayMatch = true;
            }
            if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
                literals.add(name);
            } else {
                wildcards.add(name.toCharArray());
            }
        }

        private static boolean isWildcard(char c) {
            return c == '*' || c == '?';
        }

        /** @return whether every exclude is a name pattern, none a whole-path one */
        boolean byNameOnly() {
            return !hasOthers;
        }

        /**
         * A name can match a name pattern only if it starts with the pattern's first character, or the
         * pattern starts with a wildcard and the name ends with the pattern's last character.
         *
         * @param relativePath a {@code '/'}-separated relative path
         * @return {@code false} if none of the path's names can match any name pattern; {@code true} if one may
         */
        boolean mayMatchAnyName(String relativePath) {
            if (anyNameMayMatch) {
                return true;
            }
            for (int start = 0, end; start <= relativePath.length(); start = end + 1) {
                end = relativePath.indexOf('/', start);
                if (end < 0) {
                    end = relativePath.length();
                }
                if (end == start || literalFirsts.indexOf(relativePath.charAt(start)) >= 0
                        || literalLastsAfterWildcard.indexOf(relativePath.charAt(end - 1)) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * @param path the relative path, with the platform's separators
         * @param names its names
         * @param segments the same names as characters, as plexus-utils takes them
         */
        boolean matches(String path, String[] names, char[][] segments) {
            int last = names.length - 1;
            if (last >= 0 && matchesName(names[last], segments[last], lastNames, lastNameWildcards)) {
                return true;
            }
            for (int i = 0; i <= last; i++) {
                if (matchesName(names[i], segments[i], anyNames, anyNameWildcards)) {
                    return true;
                }
            }
            return others.matches(path, segments, true);
        }

        private static boolean matchesName(String name, char[] nameChars, Set<String> literals, List<char[]> wildcards) {
            if (literals.contains(name)) {
                return true;
            }
            for (char[] wildcard : wildcards) {
                if (SelectorUtils.match(wildcard, nameChars, true)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String toPlatformSeparators(String relativePath) {
        return File.separatorChar == '/' ? relativePath : relativePath.replace('/', File.separatorChar);
    }
}
