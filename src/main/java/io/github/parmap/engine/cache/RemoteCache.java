package io.github.parmap.engine.cache;

import io.github.parmap.engine.support.Fingerprints;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote cache over plain HTTP: {@code GET} loads (200 hit, 404 miss), {@code PUT} stores (any 2xx), at
 * {@code <url>/v1/manifests/<key>} and {@code <url>/v1/blobs/<sha256>}. Any other answer, a server that
 * cannot be reached, or an exchange in which nothing moves for the timeout (headers and bodies alike) turns
 * the remote cache off for the rest of the run with one WARNING: the build goes on, processing locally. So
 * does a server whose first answer is not a parmap cache entry at all, such as a web server's HTML page.
 *
 * <p>Credentials go only to the origin the user configured: a redirect to another scheme, host or port is
 * followed without them (one WARNING), and one from https to plain http is not followed.
 */
public final class RemoteCache implements CacheStore {
    /** A manifest larger than this is not one parmap wrote. */
    private static final int MAX_MANIFEST_SIZE = 64 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;

    private final RemoteCacheSettings settings;
    private final URI base;
    private final HttpOrigin origin;
    private final HttpClient client;
    private final String authorization;
    private final RunLog log;
    private final AtomicBoolean disabled = new AtomicBoolean();
    private final AtomicBoolean servedAnEntry = new AtomicBoolean();
    private final AtomicBoolean warnedCredentialsWithheld = new AtomicBoolean();
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();

    RemoteCache(RemoteCacheSettings settings, RunLog log) {
        this.settings = settings;
        this.base = settings.url().resolve("v" + CacheKeys.FORMAT_VERSION + "/");
        this.origin = HttpOrigin.of(settings.url());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // followed here, to keep the credentials with their origin
                .build();
        this.authorization = settings.username() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((settings.username() + ":" + (settings.password() == null ? "" : settings.password()))
                        .getBytes(StandardCharsets.UTF_8));
        this.log = log;
    }

    boolean usable() {
        return !disabled.get();
    }

    boolean pushes() {
        return settings.push() && usable();
    }

    long downloaded() {
        return downloaded.get();
    }

    long uploaded() {
        return uploaded.get();
    }

    @Override
    public String name() {
        return "Remote";
    }

    /**
     * @return the manifest's bytes, or {@code null} on a miss or when the remote cache is off; bytes that
     *     are not a parmap manifest at all are returned only once the server has shown that it holds parmap
     *     entries, and otherwise turn the remote cache off
     */
    @Override
    public byte[] readManifest(String key) throws InterruptedException {
        if (!usable()) {
            return null;
        }
        URI uri = manifestUri(key);
        try {
            HttpResponse<byte[]> response = send("GET", uri, HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofByteArray(),
                    MAX_MANIFEST_SIZE);
            if (response == null || response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                disable("answered " + response.statusCode() + " to GET " + HttpOrigin.shown(uri));
                return null;
            }
            byte[] bytes = response.body();
            downloaded.addAndGet(bytes.length);
            if (CacheManifest.looksLikeOne(bytes)) {
                servedAnEntry.set(true);
            } else if (!servedAnEntry.get()) {
                disable("answered GET " + HttpOrigin.shown(uri) + " with something that is not a parmap cache entry ("
                        + response.headers().firstValue("Content-Type").orElse("no Content-Type") + ", " + bytes.length
                        + " bytes): it does not look like a cache server");
                return null;
            }
            return bytes;
        } catch (IOException e) {
            disable(e);
            return null;
        }
    }

    /**
     * Downloads a blob to a file, checking its bytes against the hash it is stored under.
     *
     * @return whether it was downloaded; {@code false} when the remote cache is off
     * @throws CacheManifest.CorruptEntryException if the blob is missing or holds other bytes
     */
    @Override
    public boolean copyBlob(CacheManifest.Output output, Path target) throws InterruptedException, CacheManifest.CorruptEntryException {
        if (!usable()) {
            return false;
        }
        URI uri = blobUri(output.sha256());
        try {
            HttpResponse<Path> response = send("GET", uri, HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofFile(target),
                    Long.MAX_VALUE);
            if (response == null) {
                return false;
            }
            if (response.statusCode() == 404) {
                throw new CacheManifest.CorruptEntryException("blob " + output.sha256() + " of " + output.path() + " is missing");
            }
            if (response.statusCode() != 200) {
                disable("answered " + response.statusCode() + " to GET " + HttpOrigin.shown(uri));
                return false;
            }
            long size = Files.size(target);
            downloaded.addAndGet(size);
            if (size != output.size() || !Fingerprints.hex(Fingerprints.sha256(target)).equals(output.sha256())) {
                throw new CacheManifest.CorruptEntryException("blob " + output.sha256() + " of " + output.path()
                        + " has other bytes (" + size + " bytes, " + output.size() + " expected)");
            }
            return true;
        } catch (IOException e) {
            disable(e);
            return false;
        }
    }

    /** Uploads a blob, then nothing else: the caller puts the manifest last. @return whether it was stored */
    boolean putBlob(String sha256, Path file) throws InterruptedException {
        try {
            return put(blobUri(sha256), HttpRequest.BodyPublishers.ofFile(file), Files.size(file));
        } catch (IOException e) {
            disable(e);
            return false;
        }
    }

    /** @return whether the manifest was stored */
    boolean putManifest(String key, byte[] manifest) throws InterruptedException {
        return put(manifestUri(key), HttpRequest.BodyPublishers.ofByteArray(manifest), manifest.length);
    }

    private boolean put(URI uri, HttpRequest.BodyPublisher body, long size) throws InterruptedException {
        if (!pushes()) {
            return false;
        }
        try {
            HttpResponse<Void> response = send("PUT", uri, body, HttpResponse.BodyHandlers.discarding(), Long.MAX_VALUE);
            if (response == null) {
                return false;
            }
            if (response.statusCode() / 100 != 2) {
                disable("answered " + response.statusCode() + " to PUT " + HttpOrigin.shown(uri));
                return false;
            }
            uploaded.addAndGet(size);
            return true;
        } catch (IOException e) {
            disable(e);
            return false;
        }
    }

    /**
     * Sends a request, following redirects: GET on any redirect status, PUT on 307 and 308 (which keep the
     * method and body).
     *
     * @return the final answer, or {@code null} when a redirect was refused and the remote cache turned off
     */
    private <T> HttpResponse<T> send(String method, URI uri, HttpRequest.BodyPublisher body, HttpResponse.BodyHandler<T> handler,
            long maxBytes) throws IOException, InterruptedException {
        URI target = uri;
        for (int redirects = 0; ; redirects++) {
            HttpOrigin targetOrigin = HttpOrigin.of(target);
            boolean withCredentials = authorization != null && targetOrigin.equals(origin);
            TransferWatch watch = new TransferWatch(settings.timeout());
            HttpRequest.Builder request = HttpRequest.newBuilder(target).method(method, watch.watch(body));
            if (withCredentials) {
                request.header("Authorization", authorization);
            }
            HttpResponse<T> response = watch.await(client.sendAsync(request.build(), watch.watch(handler, maxBytes)),
                    method + " " + HttpOrigin.shown(target));
            Optional<String> location = response.headers().firstValue("Location");
            if (!followed(method, response.statusCode()) || location.isEmpty()) {
                return response;
            }
            URI next;
            try {
                next = target.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                disable("redirected " + method + " " + HttpOrigin.shown(target) + " to a URL that cannot be read");
                return null;
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                disable("redirected " + method + " " + HttpOrigin.shown(target) + " to something other than an http(s) URL");
                return null;
            }
            if (targetOrigin.secure() && scheme.equals("http")) {
                disable("redirected " + method + " " + HttpOrigin.shown(target) + " from https to plain http (" + HttpOrigin.shown(next)
                        + "), which is not followed");
                return null;
            }
            if (redirects == MAX_REDIRECTS) {
                disable("redirected " + method + " " + HttpOrigin.shown(uri) + " more than " + MAX_REDIRECTS + " times");
                return null;
            }
            if (authorization != null && !HttpOrigin.of(next).equals(origin) && warnedCredentialsWithheld.compareAndSet(false, true)) {
                log.warn("Remote cache " + HttpOrigin.shown(settings.url()) + " redirects to " + HttpOrigin.of(next)
                        + ", another server: following without the credentials, which go only to " + origin);
            }
            target = next;
        }
    }

    private static boolean followed(String method, int status) {
        return switch (status) {
            case 307, 308 -> true;
            case 301, 302, 303 -> method.equals("GET");
            default -> false;
        };
    }

    private URI manifestUri(String key) {
        return base.resolve("manifests/" + key);
    }

    private URI blobUri(String sha256) {
        return base.resolve("blobs/" + sha256);
    }

    private void disable(IOException e) {
        disable(e instanceof TransferWatch.StalledException ? e.getMessage() : "could not be reached (" + describe(e) + ")");
    }

    private void disable(String reason) {
        if (disabled.compareAndSet(false, true)) {
            log.warn("Remote cache " + HttpOrigin.shown(settings.url()) + " " + reason + "; not using it for the rest of this build");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
