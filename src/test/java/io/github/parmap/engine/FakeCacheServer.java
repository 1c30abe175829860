package io.github.parmap.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote cache in memory on a loopback port, speaking the protocol nginx's WebDAV module speaks (GET 200
 * or 404, PUT 201), that can be told to misbehave.
 */
final class FakeCacheServer implements AutoCloseable {
    enum Mode {
        NORMAL,
        ERROR_500,
        /** Answers nothing until closed. */
        SLOW,
        /** Answers every GET with 200 and an HTML page, and accepts every PUT: a web server, not a cache. */
        GARBAGE,
        /** Sends the headers of a 100,000-byte answer to a GET of a stored file, then 2 bytes, then nothing. */
        STALL_BODY,
        /** Stops reading a PUT's body and never answers it. */
        STOP_READING_PUTS,
        /** Answers requests with 307 to the same path below {@link #redirectTo}. */
        REDIRECT
    }

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
    /** The {@code Authorization} header of every request, {@code ""} where there was none. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** With {@link Mode#STALL_BODY}: only paths containing this stall. */
    volatile String stallingPaths = "/";
    volatile URI redirectTo;
    /** With {@link Mode#REDIRECT}: only paths beginning with this are redirected. */
    volatile String redirectedPaths = "/";
    private final HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Mode mode = Mode.NORMAL;
    private volatile String expectedAuthorization;

    FakeCacheServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-cache-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cache/");
    }

    void mode(Mode value) {
        mode = value;
    }

    void requireAuthorization(String header) {
        expectedAuthorization = header;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            Mode mode = this.mode;
            if (mode == Mode.SLOW) {
                awaitRelease();
            }
            if (mode == Mode.REDIRECT && exchange.getRequestURI().getPath().startsWith(redirectedPaths)) {
                exchange.getResponseHeaders().set("Location", redirectTo.resolve(exchange.getRequestURI().getRawPath().substring(1)).toString());
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            if (mode == Mode.GARBAGE) {
                if (exchange.getRequestMethod().equals("GET")) {
                    gets.incrementAndGet();
                    byte[] page = "<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, page.length);
                    exchange.getResponseBody().write(page);
                } else {
                    puts.incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    exchange.sendResponseHeaders(201, -1);
                }
                return;
            }
            if (mode == Mode.STOP_READING_PUTS && exchange.getRequestMethod().equals("PUT")) {
                puts.incrementAndGet();
                awaitRelease();
                return;
            }
            if (mode == Mode.ERROR_500) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            if (expectedAuthorization != null && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    gets.incrementAndGet();
                    byte[] body = files.get(path);
                    if (body == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else if (mode == Mode.STALL_BODY && path.contains(stallingPaths)) {
                        exchange.sendResponseHeaders(200, 100_000);
                        OutputStream out = exchange.getResponseBody();
                        out.write(body, 0, Math.min(2, body.length));
                        out.flush();
                        awaitRelease();
                    } else {
                        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                        exchange.getResponseBody().write(body);
                    }
                }
                case "PUT" -> {
                    puts.incrementAndGet();
                    files.put(path, exchange.getRequestBody().readAllBytes());
                    exchange.sendResponseHeaders(201, -1);
                }
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private void awaitRelease() {
        try {
            released.await(30, TimeUnit.SECONDS); // longer than any timeout the tests set
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
