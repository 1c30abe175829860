package io.github.parmap.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote cache in memory on a loopback port, speaking the protocol nginx's WebDAV module speaks (GET 200
 * or 404, PUT 201), that can be told to misbehave.
 */
final class FakeCacheServer implements AutoCloseable {
    enum Mode { NORMAL, ERROR_500, SLOW }

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
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
            if (mode == Mode.SLOW) {
                try {
                    released.await(30, TimeUnit.SECONDS); // longer than any timeout the tests set
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
