package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote cache against a fake HTTP server on a loopback port. */
class RemoteCacheTest {
    @TempDir
    Path temp;

    private FakeCacheServer server;

    @BeforeEach
    void start() throws Exception {
        CacheProject.Tagging.reset();
        server = new FakeCacheServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CacheSettings remote(boolean push) {
        return remote(server.url(), push, Duration.ofSeconds(10));
    }

    private static CacheSettings remote(URI url, boolean push, Duration timeout) {
        return new CacheSettings(CacheProject.CONFIGURATION, null, 0, new RemoteCacheSettings(url, push, null, null, timeout));
    }

    @Test
    void aCloneElsewhereRestoresEverythingAPushingBuildUploaded() throws Exception {
        CacheProject first = new CacheProject(temp.resolve("ci/workspace")).withInputs(6).cache(remote(true));
        ProcessingResult pushed = first.build();
        assertTrue(pushed.cache().bytesUploaded() > 0);
        CacheProject.Tagging.reset();
        CacheProject second = new CacheProject(temp.resolve("laptop/projects/clone")).withInputs(6).cache(remote(false));

        ProcessingResult result = second.build();

        assertEquals(0, CacheProject.Tagging.INSTANCES.get(), "processor never instantiated");
        assertEquals(6, result.cache().restoredRemote());
        assertTrue(result.cache().bytesDownloaded() > 0);
        assertEquals(first.outputs(), second.outputs());
    }

    @Test
    void withoutPushNoPutReachesTheServer() throws Exception {
        new CacheProject(temp.resolve("project")).withInputs(4).cache(remote(false)).build();

        assertEquals(0, server.puts.get());
        assertTrue(server.gets.get() > 0, "it did look entries up");
    }

    @Test
    void aRemoteHitIsKeptInTheLocalCache() throws Exception {
        new CacheProject(temp.resolve("pusher")).withInputs(3).cache(remote(true)).build();
        CacheProject.Tagging.reset();
        Path local = temp.resolve("local-cache");
        CacheSettings both = new CacheSettings(CacheProject.CONFIGURATION, local, CacheSettings.DEFAULT_MAX_SIZE,
                new RemoteCacheSettings(server.url(), false, null, null, Duration.ofSeconds(10)));
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(3).cache(both);
        assertEquals(3, project.build().cache().restoredRemote());
        server.close();

        ProcessingResult result = project.clean().build();

        assertEquals(3, result.cache().restoredLocal());
        assertEquals(0, CacheProject.Tagging.INSTANCES.get());
    }

    @Test
    void aServerAnswering500IsDroppedWithOneWarning() throws Exception {
        server.mode(FakeCacheServer.Mode.ERROR_500);
        RecordingLog log = new RecordingLog();

        ProcessingResult result = new CacheProject(temp.resolve("project")).withInputs(8).cache(remote(true)).log(log).build();

        assertTrue(result.succeeded());
        assertEquals(8, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertTrue(log.messages(Level.WARNING).get(0).contains("500"), log.messages(Level.WARNING).get(0));
    }

    @Test
    void aSlowServerPastTheTimeoutIsDroppedWithOneWarning() throws Exception {
        server.mode(FakeCacheServer.Mode.SLOW);
        RecordingLog log = new RecordingLog();

        ProcessingResult result = new CacheProject(temp.resolve("project")).withInputs(5)
                .cache(remote(server.url(), true, Duration.ofMillis(300))).log(log).build();

        assertTrue(result.succeeded());
        assertEquals(5, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
    }

    @Test
    void aServerThatIsDownIsDroppedWithOneWarning() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RecordingLog log = new RecordingLog();

        ProcessingResult result = new CacheProject(temp.resolve("project")).withInputs(5)
                .cache(remote(URI.create("http://127.0.0.1:" + port + "/cache/"), true, Duration.ofSeconds(5))).log(log).build();

        assertTrue(result.succeeded());
        assertEquals(5, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
    }

    @Test
    void aCorruptBlobIsProcessedLocallyWithOneWarning() throws Exception {
        CacheProject pusher = new CacheProject(temp.resolve("pusher")).withInputs(1).cache(remote(true));
        pusher.build();
        server.files.replaceAll((path, body) -> path.contains("/blobs/") ? "tampered".getBytes(StandardCharsets.UTF_8) : body);
        RecordingLog log = new RecordingLog();
        CacheProject.Tagging.reset();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(1).cache(remote(false)).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(1, result.processed());
        assertEquals(0, result.cache().restored());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertEquals(pusher.outputs(), project.outputs());
    }

    @Test
    void aTruncatedManifestIsProcessedLocallyWithOneWarning() throws Exception {
        CacheProject pusher = new CacheProject(temp.resolve("pusher")).withInputs(1).cache(remote(true));
        pusher.build();
        server.files.replaceAll((path, body) -> path.contains("/manifests/") ? Arrays.copyOf(body, body.length / 2) : body);
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(1).cache(remote(false)).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(1, result.processed());
        assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertEquals(pusher.outputs(), project.outputs());
    }

    @Test
    void credentialsAreSentWithHttpBasic() throws Exception {
        server.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8)));
        CacheSettings withCredentials = new CacheSettings(CacheProject.CONFIGURATION, null, 0,
                new RemoteCacheSettings(server.url(), true, "ci", "s3cret", Duration.ofSeconds(10)));
        RecordingLog log = new RecordingLog();

        new CacheProject(temp.resolve("project")).withInputs(2).cache(withCredentials).log(log).build();

        assertEquals(0, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
        assertEquals(6, server.puts.get(), "two blobs and a manifest per item");
    }
}
