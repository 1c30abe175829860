import io.github.parmap.engine.ParallelRun;
import io.github.parmap.engine.ProcessingRequest;
import io.github.parmap.engine.processor.ProcessorDefinition;
import io.github.parmap.engine.processor.ProcessorResolver;
import io.github.parmap.engine.report.ProcessingResult;
import io.github.parmap.engine.state.Incremental;
import io.github.parmap.engine.support.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The engine alone, without Maven: runs one workload several times in one JVM through
 * {@link ParallelRun#execute}, the call the Maven goal makes, and prints the first run's time (a JVM that
 * has run nothing before) and the median of the others (the same code once the JIT has compiled it).
 *
 * <pre>java -cp DIR:PLUGIN_JAR[:LIBRARIES] EngineDriver gzip|resize-image|noop INPUT WORK WORKERS RUNS</pre>
 *
 * {@code gzip}: the built-in at level 6, incremental builds off, the output directory emptied before each
 * run. {@code resize-image}: the same way, thumbnails that fit 400 × 400 at JPEG quality 85 (what
 * {@code vipsthumbnail -s 400} makes; the class path then needs the built-in's TwelveMonkeys jars). {@code noop}: the built-in {@code copy} with incremental builds on; one untimed run records the
 * state, then every timed run finds all files up to date. Prints {@code cold=<s>} and {@code seconds=<s>}
 * (the warm median).
 */
public final class EngineDriver {
    public static void main(String[] args) throws Exception {
        String workload = args[0];
        Path input = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int workers = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        Path output = work.resolve("out");
        Path state = work.resolve("state");
        boolean noop = workload.equals("noop");
        ProcessorDefinition processor = ProcessorResolver.resolve(noop ? "copy" : workload, EngineDriver.class.getClassLoader());
        Map<String, String> parameters = switch (workload) {
            case "gzip" -> Map.of("level", "6");
            case "resize-image" -> Map.of("width", "400", "height", "400", "quality", "85");
            default -> Map.of();
        };
        delete(output);
        delete(state);
        if (noop) {
            run(input, output, processor, parameters, workers, state); // records the state the timed runs find
        }
        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            if (!noop) {
                delete(output);
            }
            long start = System.nanoTime();
            ProcessingResult result = run(input, output, processor, parameters, workers, noop ? state : null);
            seconds[run] = (System.nanoTime() - start) / 1e9;
            int expected = noop ? result.upToDate() : result.processed();
            if (expected != result.itemCount() || !result.succeeded()) {
                throw new IllegalStateException(workload + " run " + (run + 1) + ": " + result);
            }
        }
        double[] warm = Arrays.copyOfRange(seconds, 1, runs);
        Arrays.sort(warm);
        double median = warm.length == 0 ? seconds[0] : warm.length % 2 == 1 ? warm[warm.length / 2]
                : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "cold=%.6f%nseconds=%.6f%n", seconds[0], median);
    }

    private static ProcessingResult run(Path input, Path output, ProcessorDefinition processor, Map<String, String> parameters,
            int workers, Path state) throws Exception {
        ProcessingRequest.Builder request = ProcessingRequest.builder(input, output, processor).parameters(parameters)
                .workers(workers).log(RunLog.silent());
        if (state != null) {
            request.incremental(new Incremental(state, "engine-driver", false));
        }
        return ParallelRun.execute(request.build());
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
