package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.support.InvalidConfigurationException;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCacheTest {
    @TempDir
    Path temp;

    @BeforeEach
    void resetCounters() {
        CacheProject.Tagging.reset();
    }

    @Test
    void cleanBuildRestoresEveryItemWithoutCreatingTheProcessor() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(7).localCache(cache);
        ProcessingResult first = project.build();
        assertEquals(7, first.processed());
        Map<String, String> expected = project.outputs();
        CacheProject.Tagging.reset();

        ProcessingResult second = project.clean().build();

        assertEquals(0, CacheProject.Tagging.INSTANCES.get(), "no processor instance when every item is a hit");
        assertEquals(0, second.processed());
        assertEquals(7, second.cache().restoredLocal());
        assertEquals(14, second.outputsCommitted());
        assertTrue(second.succeeded());
        assertEquals(expected, project.outputs());
    }

    @Test
    void cacheDirectoryInsideTheInputDirectoryIsNeverScannedSoTheInputsStayTheSame() throws Exception {
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(3);
        project.localCache(project.input.resolve("build-cache"));
        Files.createSymbolicLink(project.input.resolve("cache-link"), project.input.resolve("build-cache"));

        for (int build = 1; build <= 3; build++) {
            ProcessingResult result = project.clean().build();
            assertTrue(result.succeeded());
            assertEquals(3, result.itemCount(), "build " + build + " saw only the three inputs");
        }
    }

    @Test
    void restoredItemsAreRecordedSoTheNextBuildFindsThemUpToDate() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(4).localCache(cache);
        project.build();
        project.clean().build();

        ProcessingResult third = project.build();

        assertEquals(4, third.upToDate());
        assertEquals(0, third.cache().restored());
    }

    @Test
    void clonesAtDifferentPathsShareEntries() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject first = new CacheProject(temp.resolve("a/clone")).withInputs(5).localCache(cache);
        first.build();
        CacheProject.Tagging.reset();
        CacheProject second = new CacheProject(temp.resolve("elsewhere/deeper/other-clone")).withInputs(5).localCache(cache);

        ProcessingResult result = second.build();

        assertEquals(0, CacheProject.Tagging.INSTANCES.get());
        assertEquals(5, result.cache().restoredLocal());
        assertEquals(first.outputs(), second.outputs());
    }

    @Test
    void anEditedInputMissesAndIsProcessedAlone() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(5).localCache(cache);
        project.build();
        CacheProject.Tagging.reset();
        project.clean().write("file-2.txt", "edited");

        ProcessingResult result = project.build();

        assertEquals(1, CacheProject.Tagging.ITEMS.get());
        assertEquals(1, result.processed());
        assertEquals(4, result.cache().restoredLocal());
        assertEquals("EDITED", project.outputs().get("file-2.txt"));
    }

    @Test
    void anotherConfigurationMisses() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(3).localCache(cache);
        project.build();
        CacheProject.Tagging.reset();

        ProcessingResult result = project.clean()
                .cache(new CacheSettings("another configuration", cache, CacheSettings.DEFAULT_MAX_SIZE, null)).build();

        assertEquals(3, result.processed());
        assertEquals(0, result.cache().restored());
    }

    @Test
    void aCorruptBlobIsAMissWithOneWarning() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(1).localCache(cache);
        project.build();
        Map<String, String> expected = project.outputs();
        for (Path blob : files(cache.resolve("v1/blobs"))) {
            Files.writeString(blob, "garbage");
        }
        RecordingLog log = new RecordingLog();

        ProcessingResult result = project.clean().log(log).build();

        assertTrue(result.succeeded());
        assertEquals(1, result.processed());
        assertEquals(0, result.cache().restored());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertTrue(log.messages(Level.WARNING).get(0).contains("file-0.txt"));
        assertEquals(expected, project.outputs());
        // The damaged entry was replaced: the next clean build restores it.
        CacheProject.Tagging.reset();
        assertEquals(1, project.clean().log(RunLog.silent()).build().cache().restoredLocal());
    }

    @Test
    void aTruncatedManifestIsAMissWithOneWarning() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(1).localCache(cache);
        project.build();
        for (Path manifest : files(cache.resolve("v1/manifests"))) {
            byte[] bytes = Files.readAllBytes(manifest);
            Files.write(manifest, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        }
        RecordingLog log = new RecordingLog();

        ProcessingResult result = project.clean().log(log).build();

        assertTrue(result.succeeded());
        assertEquals(1, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertEquals("CONTENT OF ITEM 0", project.outputs().get("file-0.txt"));
    }

    @Test
    void evictionKeepsTheCacheUnderItsSizeLimit() throws Exception {
        Path cache = temp.resolve("cache");
        long limit = 4_000;
        CacheProject project = new CacheProject(temp.resolve("project"))
                .cache(new CacheSettings(CacheProject.CONFIGURATION, cache, limit, null));
        for (int i = 0; i < 60; i++) {
            project.write("big-" + i + ".txt", ("line " + i + "\n").repeat(40));
        }

        project.build();

        long size = 0;
        for (Path file : files(cache)) {
            size += Files.size(file);
        }
        assertTrue(size <= limit, "cache holds " + size + " bytes, limit " + limit);
        assertTrue(size > 0, "eviction keeps the most recent entries");
    }

    @Test
    void twoBuildsWritingTheSameEntriesAtOnceLeaveValidEntries() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject one = new CacheProject(temp.resolve("one")).withInputs(20).localCache(cache);
        CacheProject two = new CacheProject(temp.resolve("two")).withInputs(20).localCache(cache);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ProcessingResult>> results = pool.invokeAll(List.<Callable<ProcessingResult>>of(one::build, two::build));
            for (Future<ProcessingResult> result : results) {
                assertTrue(result.get().succeeded());
            }
        } finally {
            pool.shutdown();
        }
        CacheProject.Tagging.reset();
        CacheProject third = new CacheProject(temp.resolve("three")).withInputs(20).localCache(cache);

        ProcessingResult result = third.build();

        assertEquals(20, result.cache().restoredLocal());
        assertEquals(0, CacheProject.Tagging.INSTANCES.get());
        assertEquals(one.outputs(), third.outputs());
        try (Stream<Path> leftovers = Files.walk(cache)) {
            assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList());
        }
    }

    @Test
    void shardsThenAnUnshardedBuildProcessNothingTwice() throws Exception {
        Path cache = temp.resolve("cache");
        CacheProject plain = new CacheProject(temp.resolve("plain")).withInputs(12);
        plain.build();
        int shardItems = 0;
        for (int k = 1; k <= 3; k++) {
            CacheProject.Tagging.reset();
            ProcessingResult shard = new CacheProject(temp.resolve("shard-" + k)).withInputs(12).localCache(cache)
                    .shard(new Shard(k, 3)).build();
            assertEquals(shard.itemCount(), CacheProject.Tagging.ITEMS.get());
            shardItems += shard.itemCount();
        }
        assertEquals(12, shardItems, "every item falls in exactly one shard");
        CacheProject.Tagging.reset();
        CacheProject all = new CacheProject(temp.resolve("all")).withInputs(12).localCache(cache);

        ProcessingResult result = all.build();

        assertEquals(0, CacheProject.Tagging.INSTANCES.get());
        assertEquals(12, result.cache().restoredLocal());
        assertEquals(plain.outputs(), all.outputs());
    }

    @Test
    void shardParsesKOfNAndRejectsTheRest() throws Exception {
        assertEquals(new Shard(2, 3), Shard.parse(" 2/3 "));
        for (String bad : new String[] {"0/3", "4/3", "3", "a/b", "1/0", ""}) {
            InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigurationException.class,
                    () -> Shard.parse(bad));
            assertTrue(e.getMessage().startsWith("<shard> must be K/N"), e.getMessage());
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
