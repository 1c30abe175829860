package io.github.parmap.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A remote cache: an HTTP server that answers {@code GET} with 200 (hit) or 404 (miss) and accepts
 * {@code PUT}, such as nginx with its WebDAV module.
 *
 * @param url the base URL; entries live below it
 * @param push whether this build uploads what it processes
 * @param username the HTTP Basic user name, or {@code null} for no credentials
 * @param password the HTTP Basic password, or {@code null}
 * @param timeout how long to wait to connect and for each answer
 */
public record RemoteCacheSettings(URI url, boolean push, String username, String password, Duration timeout) {

    /** The default {@link #timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public RemoteCacheSettings {
        Objects.requireNonNull(url, "url");
        String text = url.toString();
        url = text.endsWith("/") ? url : URI.create(text + "/");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    @Override
    public String toString() {
        // Never show the password, not even in a debug dump.
        return "RemoteCacheSettings[url=" + url + ", push=" + push + ", username=" + username + ", timeout=" + timeout + "]";
    }
}
