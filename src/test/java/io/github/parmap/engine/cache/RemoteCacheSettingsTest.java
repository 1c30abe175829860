package io.github.parmap.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code remoteCacheUrl} accepts, checked before any item, and where credentials may go. */
class RemoteCacheSettingsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static RemoteCacheSettings withCredentials(String url, boolean allowInsecureProtocol) throws InvalidConfigurationException {
        return RemoteCacheSettings.of(url, false, "ci", "s3cret", TIMEOUT, allowInsecureProtocol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:99999/", "http://cache.example.com:0/parmap/", "https://cache.example.com:70000/"})
    void aPortNoServerCanHaveIsRejectedNamingRemoteCacheUrl(String url) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RemoteCacheSettings.of(url, false, null, null, TIMEOUT, false));

        assertEquals("remoteCacheUrl", e.parameter());
        assertEquals("<remoteCacheUrl> must be an http:// or https:// URL with a port from 1 to 65535, was: '" + url + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://cache.example.com/", "cache.example.com/parmap", "file:///tmp/cache/", "http:///nohost/"})
    void somethingOtherThanAnHttpUrlIsRejectedNamingRemoteCacheUrl(String url) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RemoteCacheSettings.of(url, false, null, null, TIMEOUT, false));

        assertEquals("<remoteCacheUrl> must be an http:// or https:// URL, such as http://cache.example.com/parmap/, was: '" + url + "'",
                e.getMessage());
    }

    @Test
    void credentialsOverPlainHttpToAnotherMachineAreRejectedNamingTheUrlAndTheParameterThatAllowsThem() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> withCredentials("http://cache.example.com/parmap/", false));

        assertEquals("remoteCacheUrl", e.parameter());
        assertTrue(e.getMessage().startsWith("<remoteCacheUrl> must be an https:// URL when credentials are configured for it"), e.getMessage());
        assertTrue(e.getMessage().contains("<remoteCacheAllowInsecureProtocol>"), e.getMessage());
        assertTrue(e.getMessage().endsWith("was: 'http://cache.example.com/parmap/'"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void credentialsOverPlainHttpAreAllowedWhenTheUserSaysSo() throws Exception {
        assertEquals(URI.create("http://cache.example.com/parmap/"), withCredentials("http://cache.example.com/parmap/", true).url());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cache.example.com/parmap/", "http://127.0.0.1:8080/cache/", "http://localhost/cache/", "http://[::1]:8080/",
            "http://127.1.2.3/"})
    void credentialsOverHttpsOrToThisMachineNeedNoPermission(String url) throws Exception {
        assertEquals("ci", withCredentials(url, false).username());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cache.example.com/parmap/", "http://10.0.0.7/"})
    void withoutCredentialsPlainHttpIsFine(String url) throws Exception {
        assertEquals(URI.create(url), RemoteCacheSettings.of(url, true, null, null, TIMEOUT, false).url());
    }

    @Test
    void aUrlHoldingAUserNameAndPasswordIsRejectedWithoutShowingThem() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RemoteCacheSettings.of("https://ci:s3cret@cache.example.com/parmap/", false, null, null, TIMEOUT, false));

        assertEquals("remoteCacheUrl", e.parameter());
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("ci:"), e.getMessage());
        assertTrue(e.getMessage().contains("settings.xml") && e.getMessage().contains("<remoteCacheServerId>"), e.getMessage());
        assertTrue(e.getMessage().endsWith("was: 'https://…@cache.example.com/parmap/'"), e.getMessage());
    }

    @Test
    void theSettingsNeverShowThePassword() throws Exception {
        assertFalse(withCredentials("https://cache.example.com/", false).toString().contains("s3cret"));
    }
}
