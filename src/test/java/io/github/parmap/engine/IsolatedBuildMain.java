package io.github.parmap.engine;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a build with process isolation in a JVM of its own, so that {@link ProcessIsolationTest} can kill
 * it: two workers, each of whose items records its worker JVM's process id and then sleeps a minute.
 * Arguments: input directory, output directory, the directory the process ids are recorded in.
 */
final class IsolatedBuildMain {
    private IsolatedBuildMain() {}

    /** Records its worker JVM's process id in the directory named by the parameter {@code pids}, then sleeps. */
    public static final class RecordsPidAndSleeps implements ItemProcessor {
        private final Path pids;

        public RecordsPidAndSleeps(io.github.parmap.ProcessorContext context) {
            this.pids = Path.of(context.parameters().get("pids"));
        }

        @Override
        public void process(Item item) throws Exception {
            Files.writeString(pids.resolve(Long.toString(ProcessHandle.current().pid())), "");
            Thread.sleep(60_000);
        }
    }

    public static void main(String[] args) throws Exception {
        ParallelRun.execute(Runs.request(Path.of(args[0]), Path.of(args[1]), RecordsPidAndSleeps.class).workers(2)
                .parameters(java.util.Map.of("pids", args[2])).workerJvm(ProcessIsolationTest.workerJvm()).build());
    }
}
