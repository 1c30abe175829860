package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.cache.RemoteCacheSettings;
import io.github.parmap.engine.report.ProcessingResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote cache against a real nginx with its WebDAV module, as a user would run it. Skipped only when
 * nginx is not installed; {@code .ci/run} installs it.
 */
class NginxRemoteCacheTest {
    @TempDir
    Path temp;

    private Nginx nginx;

    @BeforeEach
    void start() throws Exception {
        Path executable = Nginx.find();
        assumeTrue(executable != null, "nginx is not installed, so the tests against a real WebDAV server are skipped; "
                + "install it with 'apt-get install -y nginx-light' (.ci/run does)");
        assertTrue(Nginx.hasDavModule(executable), executable + " lacks --with-http_dav_module; install Debian's nginx-light or nginx");
        nginx = new Nginx(executable, temp.resolve("nginx"));
        CacheProject.Tagging.reset();
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    private CacheSettings remote(URI url, boolean push) {
        return new CacheSettings(CacheProject.CONFIGURATION, null, 0, new RemoteCacheSettings(url, push, null, null, Duration.ofSeconds(10)));
    }

    @Test
    void aSecondCloneElsewhereProcessesNothingAndGetsIdenticalOutputs() throws Exception {
        CacheProject first = new CacheProject(temp.resolve("machine-a/work/project")).withInputs(9).cache(remote(nginx.url(), true));
        ProcessingResult pushed = first.build();
        assertEquals(9, pushed.processed());
        assertTrue(storedFiles().size() > 9, "blobs and manifests are on the server");
        CacheProject.Tagging.reset();
        CacheProject second = new CacheProject(temp.resolve("machine-b/checkout")).withInputs(9).cache(remote(nginx.url(), false));

        ProcessingResult result = second.build();

        assertEquals(0, CacheProject.Tagging.INSTANCES.get(), "processor never instantiated");
        assertEquals(0, result.processed());
        assertEquals(9, result.cache().restoredRemote());
        assertEquals(first.outputs(), second.outputs());
        assertTrue(result.cache().bytesDownloaded() > 0);
    }

    @Test
    void pushingTwiceOverwritesWithoutError() throws Exception {
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(3).cache(remote(nginx.url(), true)).log(log);
        project.build();
        project.clean().cache(new CacheSettings("changed so that it misses, then pushes the same blobs", null, 0,
                new RemoteCacheSettings(nginx.url(), true, null, null, Duration.ofSeconds(10)))).build();

        assertEquals(List.of(), log.messages(Level.WARNING));
    }

    @Test
    void withoutPushNothingIsUploaded() throws Exception {
        new CacheProject(temp.resolve("project")).withInputs(4).cache(remote(nginx.url(), false)).build();

        assertEquals(List.of(), storedFiles());
        assertTrue(nginx.accessLog().stream().noneMatch(line -> line.contains("\"PUT ")), nginx.accessLog().toString());
    }

    @Test
    void aCorruptBlobOnTheServerIsProcessedLocallyWithOneWarning() throws Exception {
        CacheProject pusher = new CacheProject(temp.resolve("pusher")).withInputs(1).cache(remote(nginx.url(), true));
        pusher.build();
        for (Path file : storedFiles()) {
            if (file.toString().contains("/blobs/")) {
                Files.writeString(file, "flipped bits");
            }
        }
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(1).cache(remote(nginx.url(), false)).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(1, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertEquals(pusher.outputs(), project.outputs());
    }

    @Test
    void aTruncatedManifestOnTheServerIsProcessedLocallyWithOneWarning() throws Exception {
        CacheProject pusher = new CacheProject(temp.resolve("pusher")).withInputs(1).cache(remote(nginx.url(), true));
        pusher.build();
        for (Path file : storedFiles()) {
            if (file.toString().contains("/manifests/")) {
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
            }
        }
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(1).cache(remote(nginx.url(), false)).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(1, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertEquals(pusher.outputs(), project.outputs());
    }

    @Test
    void aServerAnswering500IsDroppedWithOneWarning() throws Exception {
        RecordingLog log = new RecordingLog();

        ProcessingResult result = new CacheProject(temp.resolve("project")).withInputs(6).cache(remote(nginx.brokenUrl(), true)).log(log).build();

        assertTrue(result.succeeded());
        assertEquals(6, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertTrue(log.messages(Level.WARNING).get(0).contains("500"));
    }

    @Test
    void aStoppedServerIsDroppedWithOneWarning() throws Exception {
        URI url = nginx.url();
        nginx.close();
        RecordingLog log = new RecordingLog();

        ProcessingResult result = new CacheProject(temp.resolve("project")).withInputs(6).cache(remote(url, true)).log(log).build();

        assertTrue(result.succeeded());
        assertEquals(6, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
    }

    @Test
    void threeShardsThenAnUnshardedBuildThatProcessesNothing() throws Exception {
        CacheProject plain = new CacheProject(temp.resolve("plain")).withInputs(15);
        plain.build();
        int total = 0;
        for (int k = 1; k <= 3; k++) {
            CacheProject.Tagging.reset();
            ProcessingResult shard = new CacheProject(temp.resolve("job-" + k)).withInputs(15).cache(remote(nginx.url(), true))
                    .shard(new Shard(k, 3)).build();
            assertEquals(shard.itemCount(), CacheProject.Tagging.ITEMS.get());
            total += shard.itemCount();
        }
        assertEquals(15, total);
        CacheProject.Tagging.reset();
        CacheProject all = new CacheProject(temp.resolve("package-job")).withInputs(15).cache(remote(nginx.url(), false));

        ProcessingResult result = all.build();

        assertEquals(0, CacheProject.Tagging.INSTANCES.get());
        assertEquals(0, result.processed());
        assertEquals(15, result.cache().restoredRemote());
        assertEquals(plain.outputs(), all.outputs());
    }

    private List<Path> storedFiles() throws IOException {
        if (!Files.exists(nginx.storage())) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(nginx.storage())) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void storageLayoutIsVersioned() throws Exception {
        new CacheProject(temp.resolve("project")).withInputs(1).cache(remote(nginx.url(), true)).build();

        assertTrue(Files.isDirectory(nginx.storage().resolve("v1/manifests")));
        assertTrue(Files.isDirectory(nginx.storage().resolve("v1/blobs")));
        assertFalse(storedFiles().isEmpty());
    }
}
