package io.github.parmap.engine.cache;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scheme, host and port of a URL: what credentials are bound to. A redirect to another origin is followed
 * without them.
 */
public record HttpOrigin(String scheme, String host, int port) {
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    static HttpOrigin of(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new HttpOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    boolean secure() {
        return scheme.equals("https");
    }

    /** @return whether the host is this machine, named without asking a name server */
    boolean loopback() {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (!host.startsWith("[") && !IPV4_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }

    /** @return the URL as it may be shown: without user name, password, query or fragment */
    static String shown(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return uri.getScheme() + "://" + uri.getHost() + "/…";
        }
    }
}
