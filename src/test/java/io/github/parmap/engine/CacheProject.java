package io.github.parmap.engine;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.engine.cache.CacheSettings;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.FileTrees;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A temporary project for build cache tests: inputs under {@code src}, outputs under {@code out}, the
 * incremental state under {@code state}, all below a base directory that may lie anywhere, as clones do.
 */
final class CacheProject {
    /** The configuration fingerprint every clone computes: the mojo's holds no absolute path. */
    static final String CONFIGURATION = "cache-test-configuration";

    final Path base;
    final Path input;
    final Path output;
    private CacheSettings cache;
    private Shard shard;
    private RunLog log = RunLog.silent();
    private int workers = 3;

    CacheProject(Path base) {
        this.base = base;
        this.input = base.resolve("src");
        this.output = base.resolve("out");
    }

    /** Writes {@code count} inputs, {@code file-N.txt} and {@code sub/file-N.txt} in turn. */
    CacheProject withInputs(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            write((i % 2 == 0 ? "" : "sub/") + "file-" + i + ".txt", "content of item " + i + "\n".repeat(i));
        }
        return this;
    }

    CacheProject write(String relativePath, String content) throws IOException {
        Path file = input.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    CacheProject cache(CacheSettings value) {
        cache = value;
        return this;
    }

    CacheProject localCache(Path directory) {
        return cache(new CacheSettings(CONFIGURATION, directory, CacheSettings.DEFAULT_MAX_SIZE, null));
    }

    CacheProject shard(Shard value) {
        shard = value;
        return this;
    }

    CacheProject log(RunLog value) {
        log = value;
        return this;
    }

    ProcessingResult build() throws Exception {
        return ParallelRun.execute(Runs.request(input, output, Tagging.class)
                .workers(workers)
                .log(log)
                .incremental(new Incremental(base.resolve("state"), CONFIGURATION, false))
                .cache(cache)
                .shard(shard)
                .build());
    }

    /** Removes outputs and state, as {@code mvn clean} does. */
    CacheProject clean() throws IOException {
        FileTrees.deleteTree(output);
        FileTrees.deleteTree(base.resolve("state"));
        return this;
    }

    /** @return every output file by relative path, with its content */
    Map<String, String> outputs() throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(output)) {
            return tree;
        }
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                tree.put(output.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return tree;
    }

    /**
     * Writes two outputs per input: the upper-cased text at the same path and its length beside it; counts
     * its instances and items, so that tests see whether a build ran it at all.
     */
    public static final class Tagging implements ItemProcessor {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        static final AtomicInteger ITEMS = new AtomicInteger();

        public Tagging() {
            INSTANCES.incrementAndGet();
        }

        static void reset() {
            INSTANCES.set(0);
            ITEMS.set(0);
        }

        @Override
        public void process(Item item) throws IOException {
            ITEMS.incrementAndGet();
            String text = Files.readString(item.path(), StandardCharsets.UTF_8);
            Files.writeString(item.output(), text.toUpperCase(java.util.Locale.ROOT), StandardCharsets.UTF_8);
            Files.writeString(item.output(item.relativePath() + ".length"), Integer.toString(text.length()), StandardCharsets.UTF_8);
        }
    }
}
