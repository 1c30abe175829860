package io.github.parmap.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Restoring the cpu set (400 files x 256 KiB of compressible text, gzip level 6) from the local build cache and
 * from nginx on loopback, against processing it, measured side by side in one JVM. Run by bench/cache/run.sh.
 */
public final class CacheRestoreBench {
    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua parmap maven build resources thumbnails checksums").split(" ");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int reps = Integer.parseInt(args[1]);
        Path input = generate(work.resolve("cpu"));
        ProcessorDefinition gzip = ProcessorResolver.resolve("gzip", CacheRestoreBench.class.getClassLoader());
        String fingerprint = "bench-cpu-gzip-6";
        Map<String, List<Double>> seconds = new java.util.LinkedHashMap<>();
        try (Nginx nginx = new Nginx(Nginx.find(), Files.createDirectories(work.resolve("nginx")))) {
            RemoteCacheSettings pushTo = new RemoteCacheSettings(nginx.url(), true, null, null, Duration.ofSeconds(10));
            RemoteCacheSettings readFrom = new RemoteCacheSettings(nginx.url(), false, null, null, Duration.ofSeconds(10));
            Path local = work.resolve("local-cache");
            for (int rep = 0; rep <= reps; rep++) {
                boolean warmUp = rep == 0;
                delete(local);
                delete(nginx.storage());
                time(seconds, "process (no cache)", warmUp, () -> run(input, work, gzip, null));
                time(seconds, "process + store in local cache", warmUp,
                        () -> run(input, work, gzip, new CacheSettings(fingerprint, local, CacheSettings.DEFAULT_MAX_SIZE, null)));
                time(seconds, "restore from local cache", warmUp,
                        () -> expectRestored(run(input, work, gzip, new CacheSettings(fingerprint, local, CacheSettings.DEFAULT_MAX_SIZE, null))));
                time(seconds, "process + push to nginx", warmUp, () -> run(input, work, gzip, new CacheSettings(fingerprint, null, 0, pushTo)));
                time(seconds, "restore from nginx (loopback)", warmUp,
                        () -> expectRestored(run(input, work, gzip, new CacheSettings(fingerprint, null, 0, readFrom))));
            }
        }
        System.out.println("| workload | median | min–max | files/s |");
        System.out.println("|---|---|---|---|");
        double base = median(seconds.get("process (no cache)"));
        seconds.forEach((name, values) -> System.out.printf(Locale.ROOT, "| %s | %.3f s | %.3f–%.3f s | %.0f | (%.2f× processing)%n", name,
                median(values), Collections.min(values), Collections.max(values), 400 / median(values), median(values) / base));
    }

    private interface Run {
        ProcessingResult run() throws Exception;
    }

    private static void time(Map<String, List<Double>> seconds, String name, boolean warmUp, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!warmUp) {
            seconds.computeIfAbsent(name, key -> new ArrayList<>()).add(elapsed);
        }
    }

    private static ProcessingResult expectRestored(ProcessingResult result) {
        if (result.processed() != 0 || result.cache().restored() != 400) {
            throw new IllegalStateException("expected 400 restored, got " + result);
        }
        return result;
    }

    private static ProcessingResult run(Path input, Path work, ProcessorDefinition gzip, CacheSettings cache) throws Exception {
        Path output = work.resolve("out");
        delete(output);
        ProcessingResult result = ParallelRun.execute(ProcessingRequest.builder(input, output, gzip).workers(2).cache(cache).build());
        if (!result.succeeded()) {
            throw new IllegalStateException(result.toString());
        }
        return result;
    }

    private static Path generate(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        Random random = new Random(42);
        for (int file = 0; file < 400; file++) {
            StringBuilder text = new StringBuilder(262_144);
            while (text.length() < 262_144) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? '\n' : ' ');
            }
            text.setLength(262_144);
            Path path = directory.resolve(String.format(Locale.ROOT, "d%02d/f%03d.txt", file % 20, file));
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.US_ASCII);
        }
        return directory;
    }

    private static void delete(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

}
