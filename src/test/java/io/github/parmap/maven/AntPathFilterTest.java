package io.github.parmap.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AntPathFilterTest {

    private static final AntPathFilter EVERYTHING = new AntPathFilter(null, null);

    @Test
    void starStarGlobMatchesAtAnyDepth() {
        AntPathFilter png = new AntPathFilter(List.of("**/*.png"), List.of());

        assertTrue(png.includesFile("a.png"));
        assertTrue(png.includesFile("x/y/a.png"));
        assertFalse(png.includesFile("a.txt"));
        assertFalse(png.includesFile("x/a.png.txt"));
        assertTrue(png.mayIncludeFilesUnder("x"));
        assertTrue(png.mayIncludeFilesUnder("x/y"));
    }

    @Test
    void noIncludesMeansEveryFile() {
        assertTrue(EVERYTHING.includesFile("a.txt"));
        assertTrue(EVERYTHING.includesFile("deep/down/b"));
        assertTrue(new AntPathFilter(List.of(), List.of()).includesFile("a.txt"));
        assertTrue(new AntPathFilter(List.of(" ", ""), null).includesFile("a.txt"), "blank patterns are ignored");
    }

    @ParameterizedTest(name = "default excludes drop {0}")
    @ValueSource(strings = {".git/config", "x/.git/HEAD", "x/.DS_Store", ".DS_Store", ".svn/entries", "a/b/.gitignore"})
    void defaultExcludesDropVersionControlAndOperatingSystemFiles(String path) {
        assertFalse(EVERYTHING.includesFile(path));
        assertFalse(new AntPathFilter(List.of("**"), List.of("*.tmp")).includesFile(path), "user excludes add to the defaults");
    }

    @Test
    void defaultExcludedDirectoriesAreNotEntered() {
        assertFalse(EVERYTHING.mayIncludeFilesUnder(".git"));
        assertFalse(EVERYTHING.mayIncludeFilesUnder("sub/.git"));
        assertTrue(EVERYTHING.mayIncludeFilesUnder("src"));
    }

    @Test
    void trailingSlashExcludesEverythingBelowTheDirectory() {
        AntPathFilter filter = new AntPathFilter(null, List.of("drafts/"));

        assertFalse(filter.includesFile("drafts/a.md"));
        assertFalse(filter.includesFile("drafts/deep/b.md"));
        assertFalse(filter.mayIncludeFilesUnder("drafts"));
        assertTrue(filter.includesFile("published/a.md"));
        assertTrue(filter.includesFile("drafts.md"));
    }

    @Test
    void trailingSlashIncludesEverythingBelowTheDirectory() {
        AntPathFilter filter = new AntPathFilter(List.of("docs/"), null);

        assertTrue(filter.includesFile("docs/a.md"));
        assertTrue(filter.includesFile("docs/deep/b.md"));
        assertFalse(filter.includesFile("a.md"));
    }

    @Test
    void includesOfOneDirectoryRuleOutOtherDirectories() {
        AntPathFilter docs = new AntPathFilter(List.of("docs/**"), null);

        assertFalse(docs.mayIncludeFilesUnder("src"));
        assertTrue(docs.mayIncludeFilesUnder("docs"));
        assertTrue(docs.mayIncludeFilesUnder("docs/deep"));
        assertTrue(docs.includesFile("docs/deep/a.md"));
        assertFalse(docs.includesFile("src/a.md"));
    }

    @Test
    void excludeOfFilesWithinDirectoryStillLetsTheScannerEnterIt() {
        AntPathFilter filter = new AntPathFilter(null, List.of("build/*.log"));

        assertTrue(filter.mayIncludeFilesUnder("build"), "build/sub/x.log is still included, so build must be entered");
        assertFalse(filter.includesFile("build/x.log"));
        assertTrue(filter.includesFile("build/sub/x.log"));
    }

    @Test
    void backslashesInPatternsAreReadAsSlashes() {
        AntPathFilter filter = new AntPathFilter(List.of("img\\**\\*.png"), null);

        assertTrue(filter.includesFile("img/a/b.png"));
        assertFalse(filter.includesFile("other/b.png"));
    }
}
