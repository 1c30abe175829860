package io.github.parmap.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx with its WebDAV module, started on a free loopback port with its own configuration, logs and
 * document root under a temporary directory: the remote cache a user would set up.
 */
final class Nginx implements AutoCloseable {
    private final Path directory;
    private final int port;
    private Process process;

    /** @return the nginx executable, or {@code null} when nginx is not installed */
    static Path find() {
        Stream<Path> candidates = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of),
                Stream.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/nginx/sbin")));
        return candidates.map(dir -> dir.resolve("nginx")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** @return whether the executable was built with the WebDAV module */
    static boolean hasDavModule(Path executable) throws IOException, InterruptedException {
        Process version = new ProcessBuilder(executable.toString(), "-V").redirectErrorStream(true).start();
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor(30, TimeUnit.SECONDS);
        return text.contains("--with-http_dav_module");
    }

    Nginx(Path executable, Path directory) throws IOException, InterruptedException {
        this.directory = directory;
        Files.createDirectories(directory.resolve("root"));
        Files.createDirectories(directory.resolve("logs"));
        Files.createDirectories(directory.resolve("temp"));
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        String temp = directory.resolve("temp").toString();
        // As root the workers would run as nobody and could not write the root (nginx answers 500 to PUT then).
        String config = (root ? "user root;\n" : "") + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 256; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %2$s/client;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                        location /broken/ { return 500; }
                        location / {
                            root %1$s/root;
                            dav_methods PUT DELETE;
                            create_full_put_path on;
                            client_max_body_size 1g;
                        }
                    }
                }
                """.formatted(directory, temp, port);
        Files.writeString(directory.resolve("nginx.conf"), config);
        process = new ProcessBuilder(executable.toString(), "-p", directory.toString(), "-e", directory.resolve("logs/error.log").toString(),
                "-c", directory.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("logs/stdout.log").toFile())
                .start();
        awaitListening();
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + log("error.log") + log("stdout.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nginx did not listen on port " + port + ": " + log("error.log"));
    }

    private String log(String name) {
        try {
            return Files.readString(directory.resolve("logs").resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    /** @return the base URL of the WebDAV location */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/parmap/");
    }

    /** @return a URL where every request is answered with 500 */
    URI brokenUrl() {
        return URI.create("http://127.0.0.1:" + port + "/broken/");
    }

    /** @return where the entries under {@link #url()} are stored */
    Path storage() {
        return directory.resolve("root/parmap");
    }

    /** @return the access log's lines */
    List<String> accessLog() throws IOException {
        Path file = directory.resolve("logs/access.log");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
