package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A remote cache: an HTTP server that answers {@code GET} with 200 (hit) or 404 (miss) and accepts
 * {@code PUT}, such as nginx with its WebDAV module.
 *
 * @param url the base URL; entries live below it
 * @param push whether this build uploads what it processes
 * @param username the HTTP Basic user name, or {@code null} for no credentials
 * @param password the HTTP Basic password, or {@code null}
 * @param timeout how long an exchange may go without a byte moving (connecting, waiting for the answer,
 *     reading or sending a body) before the server is given up for the build
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

    /**
     * Checks a remote cache URL as a user wrote it, and the credentials that would go with it.
     *
     * @param url the {@code remoteCacheUrl} parameter
     * @param allowInsecureProtocol the {@code remoteCacheAllowInsecureProtocol} parameter: whether credentials
     *     may travel over plain {@code http://} to another machine
     * @throws InvalidConfigurationException naming {@code remoteCacheUrl} if the URL is not an http(s) URL
     *     with a usable port, holds a user name or password, or would send credentials in the clear
     */
    public static RemoteCacheSettings of(String url, boolean push, String username, String password, Duration timeout,
            boolean allowInsecureProtocol) throws InvalidConfigurationException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("remoteCacheUrl", url, "an http:// or https:// URL (" + e.getReason() + ")");
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            // Shown without what stands before the '@': it may be a password.
            String shown = url.substring(0, url.indexOf("//") + 2) + "…" + url.substring(url.indexOf('@', url.indexOf("//")));
            throw new InvalidConfigurationException("remoteCacheUrl", shown, "a URL without a user name or password: credentials belong in a"
                    + " <server> of settings.xml, named by <remoteCacheServerId>, where they can be encrypted and are never shown");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidConfigurationException("remoteCacheUrl", url, "an http:// or https:// URL, such as http://cache.example.com/parmap/");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            throw new InvalidConfigurationException("remoteCacheUrl", url, "an http:// or https:// URL with a port from 1 to 65535");
        }
        HttpOrigin origin = HttpOrigin.of(uri);
        if (username != null && !origin.secure() && !origin.loopback() && !allowInsecureProtocol) {
            throw new InvalidConfigurationException("remoteCacheUrl", url, "an https:// URL when credentials are configured for it: over plain"
                    + " http:// to a host other than this machine anyone on the network could read the password (set"
                    + " <remoteCacheAllowInsecureProtocol> to true to send it anyway)");
        }
        return new RemoteCacheSettings(uri, push, username, password, timeout);
    }

    @Override
    public String toString() {
        // Never show the password, not even in a debug dump.
        return "RemoteCacheSettings[url=" + HttpOrigin.shown(url) + ", push=" + push + ", username=" + username + ", timeout=" + timeout + "]";
    }
}
