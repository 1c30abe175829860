package io.github.parmap.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A remote cache over plain HTTP: {@code GET} loads (200 hit, 404 miss), {@code PUT} stores (any 2xx), at
 * {@code <url>/v1/manifests/<key>} and {@code <url>/v1/blobs/<sha256>}. Any other answer, or a server that
 * cannot be reached in time, turns the remote cache off for the rest of the run with one WARNING: the build
 * goes on, processing locally.
 */
final class RemoteCache {
    /** A manifest larger than this is not one parmap wrote. */
    private static final int MAX_MANIFEST_SIZE = 64 * 1024 * 1024;

    private final RemoteCacheSettings settings;
    private final URI base;
    private final HttpClient client;
    private final String authorization;
    private final RunLog log;
    private final AtomicBoolean disabled = new AtomicBoolean();
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();

    RemoteCache(RemoteCacheSettings settings, RunLog log) {
        this.settings = settings;
        this.base = settings.url().resolve("v" + CacheKeys.FORMAT_VERSION + "/");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
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

    /** @return the manifest's bytes, or {@code null} on a miss or when the remote cache is off */
    byte[] readManifest(String key) throws InterruptedException {
        if (!usable()) {
            return null;
        }
        try {
            HttpResponse<InputStream> response = client.send(request(manifestUri(key)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    return null;
                }
                if (response.statusCode() != 200) {
                    disable("answered " + response.statusCode() + " to GET " + manifestUri(key));
                    return null;
                }
                byte[] bytes = body.readNBytes(MAX_MANIFEST_SIZE + 1);
                downloaded.addAndGet(bytes.length);
                return bytes;
            }
        } catch (IOException e) {
            disable("could not be reached (" + describe(e) + ")");
            return null;
        }
    }

    /**
     * Downloads a blob to a file, checking its bytes against the hash it is stored under.
     *
     * @return whether it was downloaded; {@code false} when the remote cache is off
     * @throws CacheManifest.CorruptEntryException if the blob is missing or holds other bytes
     */
    boolean copyBlob(CacheManifest.Output output, Path target) throws InterruptedException, CacheManifest.CorruptEntryException {
        if (!usable()) {
            return false;
        }
        URI uri = blobUri(output.sha256());
        try {
            HttpResponse<InputStream> response = client.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = Fingerprints.sha256();
            long size;
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    throw new CacheManifest.CorruptEntryException("blob " + output.sha256() + " of " + output.path() + " is missing");
                }
                if (response.statusCode() != 200) {
                    disable("answered " + response.statusCode() + " to GET " + uri);
                    return false;
                }
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                    size = body.transferTo(out);
                }
            }
            downloaded.addAndGet(size);
            if (size != output.size() || !Fingerprints.hex(digest.digest()).equals(output.sha256())) {
                throw new CacheManifest.CorruptEntryException("blob " + output.sha256() + " of " + output.path()
                        + " has other bytes (" + size + " bytes, " + output.size() + " expected)");
            }
            return true;
        } catch (IOException e) {
            disable("could not be reached (" + describe(e) + ")");
            return false;
        }
    }

    /** Uploads a blob, then nothing else: the caller puts the manifest last. @return whether it was stored */
    boolean putBlob(String sha256, Path file) throws InterruptedException {
        try {
            return put(blobUri(sha256), HttpRequest.BodyPublishers.ofFile(file), Files.size(file));
        } catch (IOException e) {
            disable("could not be reached (" + describe(e) + ")");
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
            HttpResponse<Void> response = client.send(request(uri).PUT(body).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                disable("answered " + response.statusCode() + " to PUT " + uri);
                return false;
            }
            uploaded.addAndGet(size);
            return true;
        } catch (IOException e) {
            disable("could not be reached (" + describe(e) + ")");
            return false;
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.timeout());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private URI manifestUri(String key) {
        return base.resolve("manifests/" + key);
    }

    private URI blobUri(String sha256) {
        return base.resolve("blobs/" + sha256);
    }

    private void disable(String reason) {
        if (disabled.compareAndSet(false, true)) {
            log.warn("Remote cache " + settings.url() + " " + reason + "; not using it for the rest of this build");
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
