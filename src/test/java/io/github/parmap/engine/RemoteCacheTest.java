package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.cache.RemoteCacheSettings;
import io.github.parmap.engine.report.ProcessingResult;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static final String PASSWORD = "s3cret-Pa55";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static CacheSettings withCredentials(URI url, boolean push) {
        return new CacheSettings(CacheProject.CONFIGURATION, null, 0, new RemoteCacheSettings(url, push, "ci", PASSWORD, Duration.ofSeconds(10)));
    }

    private static void assertOneWarningContaining(RecordingLog log, String text) {
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(text), warnings.get(0));
    }

    @ParameterizedTest(name = "stalls in {0}")
    @ValueSource(strings = {"/manifests/", "/blobs/"})
    @Timeout(20) // a guard against the hang this test is about, not a measurement
    void aServerThatStallsInTheMiddleOfABodyIsDroppedWithOneWarningAndTheBuildFinishesCorrectly(String stallingPaths) throws Exception {
        CacheProject pusher = new CacheProject(temp.resolve("pusher")).withInputs(4).cache(remote(true));
        pusher.build();
        server.mode(FakeCacheServer.Mode.STALL_BODY);
        server.stallingPaths = stallingPaths;
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(4)
                .cache(remote(server.url(), false, Duration.ofMillis(500))).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(4, result.processed());
        assertEquals(0, result.cache().restored());
        assertOneWarningContaining(log, "stalled");
        assertEquals(pusher.outputs(), project.outputs());
    }

    @Test
    @Timeout(20)
    void aServerThatStopsReadingAPushIsDroppedWithOneWarningAndTheBuildFinishes() throws Exception {
        server.mode(FakeCacheServer.Mode.STOP_READING_PUTS);
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(6)
                .cache(remote(server.url(), true, Duration.ofMillis(500))).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(6, result.processed());
        assertOneWarningContaining(log, "PUT");
        assertTrue(server.puts.get() <= 3, "no more pushes than workers once the first stalled: " + server.puts.get());
        CacheProject plain = new CacheProject(temp.resolve("plain")).withInputs(6);
        plain.build();
        assertEquals(plain.outputs(), project.outputs());
    }

    @Test
    void aServerAnsweringAWebPageForEveryPathIsDroppedAfterTheFirstWithOneWarningAndGetsNoPush() throws Exception {
        server.mode(FakeCacheServer.Mode.GARBAGE);
        RecordingLog log = new RecordingLog();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(40).cache(remote(true)).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(40, result.processed());
        assertOneWarningContaining(log, "not a parmap cache");
        assertTrue(server.gets.get() <= 3, "no more lookups than workers: " + server.gets.get());
        assertEquals(0, server.puts.get(), "nothing is pushed to a server that is not a cache");
        CacheProject plain = new CacheProject(temp.resolve("plain")).withInputs(40);
        plain.build();
        assertEquals(plain.outputs(), project.outputs());
    }

    @Test
    void oneDamagedEntryAmongGoodOnesIsAMissForThatFileAloneAndTheServerStaysInUse() throws Exception {
        CacheProject pusher = new CacheProject(temp.resolve("pusher")).withInputs(6).cache(remote(true));
        pusher.build();
        String damaged = server.files.keySet().stream().filter(path -> path.contains("/manifests/")).sorted().findFirst().orElseThrow();
        server.files.computeIfPresent(damaged, (path, body) -> Arrays.copyOf(body, body.length / 2));
        RecordingLog log = new RecordingLog();
        CacheProject.Tagging.reset();
        CacheProject project = new CacheProject(temp.resolve("project")).withInputs(6).cache(remote(false)).log(log);

        ProcessingResult result = project.build();

        assertTrue(result.succeeded());
        assertEquals(5, result.cache().restoredRemote());
        assertOneWarningContaining(log, "damaged");
        assertEquals(pusher.outputs(), project.outputs());
    }

    @Test
    void credentialsStayWithTheConfiguredOriginWhenTheCacheRedirectsToAnotherServer() throws Exception {
        try (FakeCacheServer other = new FakeCacheServer()) {
            server.mode(FakeCacheServer.Mode.REDIRECT);
            server.redirectTo = URI.create(other.url().toString().replace("127.0.0.1", "localhost"));
            RecordingLog log = new RecordingLog(Level.DEBUG);

            ProcessingResult pushed = new CacheProject(temp.resolve("pusher")).withInputs(3).cache(withCredentials(server.url(), true)).log(log).build();
            CacheProject.Tagging.reset();
            ProcessingResult restored = new CacheProject(temp.resolve("clone")).withInputs(3).cache(withCredentials(server.url(), false)).log(log).build();

            assertTrue(pushed.succeeded());
            assertEquals(9, other.puts.get(), "pushed through the redirect: two blobs and a manifest per item");
            assertEquals(3, restored.cache().restoredRemote(), "restored through the redirect");
            assertFalse(server.authorizations.isEmpty());
            assertTrue(server.authorizations.stream().allMatch(BASIC::equals), "the configured server gets the credentials");
            assertTrue(other.authorizations.stream().allMatch(String::isEmpty), "the other server gets none: " + other.authorizations);
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(2, warnings.size(), "one per build: " + warnings);
            assertTrue(warnings.get(0).contains("localhost:") && warnings.get(0).contains("without the credentials"), warnings.get(0));
            assertNoSecretIn(log);
        }
    }

    @Test
    void aRedirectWithinTheConfiguredOriginKeepsTheCredentials() throws Exception {
        server.requireAuthorization(BASIC);
        server.mode(FakeCacheServer.Mode.REDIRECT);
        server.redirectTo = server.url();
        server.redirectedPaths = "/old-location/";
        URI moved = server.url().resolve("/old-location/");
        RecordingLog log = new RecordingLog(Level.DEBUG);

        new CacheProject(temp.resolve("pusher")).withInputs(2).cache(withCredentials(moved, true)).log(log).build();
        CacheProject.Tagging.reset();
        ProcessingResult restored = new CacheProject(temp.resolve("clone")).withInputs(2).cache(withCredentials(moved, false)).log(log).build();

        assertEquals(2, restored.cache().restoredRemote());
        assertEquals(List.of(), log.messages(Level.WARNING));
        assertNoSecretIn(log);
    }

    @Test
    void aServerRefusingTheCredentialsIsDroppedWithAWarningThatShowsNoSecret() throws Exception {
        server.requireAuthorization("Basic other");
        RecordingLog log = new RecordingLog(Level.DEBUG);

        ProcessingResult result = new CacheProject(temp.resolve("project")).withInputs(3).cache(withCredentials(server.url(), true)).log(log).build();

        assertTrue(result.succeeded());
        assertOneWarningContaining(log, "401");
        assertNoSecretIn(log);
        assertFalse(new RemoteCacheSettings(server.url(), true, "ci", PASSWORD, null).toString().contains(PASSWORD));
    }

    private static void assertNoSecretIn(RecordingLog log) {
        String encoded = BASIC.substring("Basic ".length());
        for (RecordingLog.Entry entry : log.entries()) {
            String text = entry.message() + (entry.thrown() == null ? "" : " " + entry.thrown());
            assertFalse(text.contains(PASSWORD) || text.contains(encoded), "a secret in the log: " + text);
        }
    }
}
