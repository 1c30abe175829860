package io.github.parmap.engine;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.scan.PathFilter;
import io.github.parmap.engine.state.ConfigurationFingerprint;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One execution of the engine with incremental builds, over folders of a temporary project: inputs, outputs
 * and the execution's state directory. Settings stay from one build to the next, as in a pom, and the
 * configuration fingerprint is computed from them the way the mojo computes it.
 */
final class IncrementalProject {
    /** The message {@link ListedOutputs} logs once per instance. */
    static final String CREATED = "processor instance created";
    /** The prefix of the message {@link ListedOutputs} logs for each item it is handed. */
    static final String PROCESSING = "processing ";

    final Path input;
    final Path output;
    final Path state;
    private Map<String, String> parameters = Map.of();
    private List<String> excluded = List.of();
    private boolean force;
    private boolean failFast;
    private int workers = 2;
    private boolean explain;

    /** A project whose folders are {@code src}, {@code out} and {@code state} under a base directory. */
    IncrementalProject(Path base) {
        this(base.resolve("src"), base.resolve("out"), base.resolve("state"));
    }

    IncrementalProject(Path input, Path output, Path state) {
        this.input = input;
        this.output = output;
        this.state = state;
    }

    IncrementalProject parameters(Map<String, String> value) {
        parameters = value;
        return this;
    }

    /** @param paths input paths to exclude, exactly */
    IncrementalProject excluding(String... paths) {
        excluded = List.of(paths);
        return this;
    }

    IncrementalProject force(boolean value) {
        force = value;
        return this;
    }

    IncrementalProject failFast(boolean value) {
        failFast = value;
        return this;
    }

    IncrementalProject workers(int value) {
        workers = value;
        return this;
    }

    /** The digest of this project's settings, as the mojo builds it from the processor, parameters and excludes. */
    String configurationFingerprint() {
        return fingerprint().toHex();
    }

    private ConfigurationFingerprint fingerprint() {
        return new ConfigurationFingerprint()
                .add("processor", ListedOutputs.class.getName())
                .add("parameters", parameters)
                .add("excludes", excluded);
    }

    IncrementalProject explain(boolean value) {
        explain = value;
        return this;
    }

    /** Runs one build with the current settings. */
    Build build() throws Exception {
        return build(ListedOutputs.class);
    }

    Build build(Class<?> processor) throws Exception {
        RecordingLog log = new RecordingLog();
        ProcessingResult result = ParallelRun.execute(request(processor, log).build());
        return new Build(result, log);
    }

    ProcessingRequest.Builder request(Class<?> processor, RunLog log) {
        return Runs.request(input, output, processor)
                .parameters(parameters)
                .filter(excludingFilter(excluded))
                .workers(workers)
                .failFast(failFast)
                .log(log)
                .explain(explain)
                .incremental(new Incremental(state, configurationFingerprint(), force).withSettingDigests(fingerprint().settingDigests()));
    }

    /** Writes an input file. */
    Path write(String relativePath, String content) {
        return Trees.write(input, relativePath, content);
    }

    /** Writes an input file and dates it an hour back, so that its time is recorded, not treated as too recent. */
    Path writeOld(String relativePath, String content) throws IOException {
        Path file = write(relativePath, content);
        Files.setLastModifiedTime(file, hoursAgo(1));
        return file;
    }

    /** @return the output tree: relative path to text */
    Map<String, String> outputs() throws IOException {
        return texts(output);
    }

    static Map<String, String> texts(Path root) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        for (String file : Trees.files(root)) {
            texts.put(file, Files.readString(root.resolve(file)));
        }
        return texts;
    }

    static FileTime hoursAgo(double hours) {
        return FileTime.from(Instant.now().minus(Duration.ofSeconds((long) (hours * 3600))));
    }

    static PathFilter excludingFilter(List<String> excluded) {
        return new PathFilter() {
            @Override
            public boolean includesFile(String relativePath) {
                return !excluded.contains(relativePath);
            }

            @Override
            public boolean mayIncludeFilesUnder(String relativePath) {
                return true;
            }
        };
    }

    /** What one build did, and what it logged. */
    public record Build(ProcessingResult result, RecordingLog log) {

        /** @return the items the processor was handed, sorted */
        public List<String> processed() {
            List<String> items = new ArrayList<>();
            for (String message : log.messages(Level.INFO)) {
                if (message.startsWith(PROCESSING)) {
                    items.add(message.substring(PROCESSING.length()));
                }
            }
            items.sort(null);
            return items;
        }

        long processorInstances() {
            return log.messages(Level.INFO).stream().filter(CREATED::equals).count();
        }

        public List<String> warnings() {
            return log.messages(Level.WARNING);
        }

        /** @return the engine's start line */
        String startLine() {
            return log.messages(Level.INFO).stream().filter(message -> message.startsWith("Processing ")).findFirst().orElse("");
        }

        /** @return the engine's last line, the summary */
        String summary() {
            List<String> engineLines = log.messages(Level.INFO).stream()
                    .filter(message -> !message.startsWith(PROCESSING) && !message.equals(CREATED))
                    .toList();
            return engineLines.isEmpty() ? "" : engineLines.get(engineLines.size() - 1);
        }
    }

    /**
     * Writes its input, after the parameter {@code prefix}, at the input's own path. Each input line
     * {@code also: PATH} writes one more output at PATH (unless the parameter {@code also} is {@code off});
     * a line {@code fail} fails the item. Logs {@link #CREATED} per instance and {@link #PROCESSING} with the
     * item's path per item, so tests see what ran.
     */
    public static final class ListedOutputs implements ItemProcessor {
        private final System.Logger logger;
        private final String prefix;
        private final boolean also;

        public ListedOutputs(ProcessorContext context) {
            logger = context.logger();
            prefix = context.parameters().getOrDefault("prefix", "");
            also = !"off".equals(context.parameters().get("also"));
            logger.log(Level.INFO, CREATED);
        }

        @Override
        public void process(Item item) throws Exception {
            logger.log(Level.INFO, PROCESSING + item.relativePath());
            String text = Files.readString(item.path());
            List<String> lines = text.lines().toList();
            if (lines.contains("fail")) {
                Files.writeString(item.output(), "half-written");
                throw new IllegalStateException("told to fail");
            }
            Files.writeString(item.output(), prefix + text);
            if (also) {
                for (String line : lines) {
                    if (line.startsWith("also: ")) {
                        Files.writeString(item.output(line.substring("also: ".length())), "also from " + item.relativePath());
                    }
                }
            }
        }
    }
}
