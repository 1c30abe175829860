package io.github.parmap.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.MatchPatterns;
import org.junit.jupiter.api.Test;

/**
 * The filter checks excludes of the forms {@code **}{@code /NAME} and {@code **}{@code /NAME/**} by name; it
 * must say exactly what plexus-utils' matcher says of the whole path, for every path.
 */
class AntPathFilterEquivalenceTest {
    /** Names that hit each default exclude, near misses, and user excludes' names, at every depth. */
    private static final List<String> NAMES = List.of("a.txt", "CVS", "CVSx", "xCVS", ".git", ".gitx", ".gitignore", "x~", "~x",
            "#x#", "#x", ".#x", "%x%", "._x", "-darcs-backup1", "-darcs-backup", ".DS_Store", "vssver.scc", "SCCS", "b.tmp", "build",
            "abc", "axc", "xbuildy", "docs", "x.y", "_darcs", "BitKeeper", ".metadata", ".hg");

    private static final List<String> USER_EXCLUDES = List.of("**/*.tmp", "**/build/**", "docs/**", "**/a?c", "**/x*y/**", "*.y",
            "**/docs/a.txt", "**", "**/**/CVS");

    @Test
    void namePatternsMatchAsTheWholePathMatcherDoes() {
        List<String> paths = new ArrayList<>();
        for (String first : NAMES) {
            paths.add(first);
            for (String second : NAMES) {
                paths.add(first + "/" + second);
                paths.add("d/" + first + "/e/" + second);
            }
        }
        for (int user = -1; user < USER_EXCLUDES.size(); user++) {
            List<String> excludes = user < 0 ? List.of() : List.of(USER_EXCLUDES.get(user));
            AntPathFilter filter = new AntPathFilter(null, excludes);
            List<String> allExcludes = new ArrayList<>(excludes);
            allExcludes.addAll(Arrays.asList(AbstractScanner.DEFAULTEXCLUDES));
            MatchPatterns reference = MatchPatterns.from(allExcludes);
            for (String path : paths) {
                assertEquals(!reference.matches(path, true), filter.includesFile(path), () -> path + " with excludes " + excludes);
            }
        }
    }
}
