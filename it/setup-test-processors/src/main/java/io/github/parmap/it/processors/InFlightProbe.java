package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Measures how many items are in flight at once across the whole JVM, over every parmap run that loads this
 * class from the same class loader: under {@code mvn -T}, every module whose parmap plugin declaration is the
 * same shares one plugin class loader, and so one set of these counters.
 *
 * <p>Each item stays in {@link #process} for {@code holdMillis} (default 100), so that runs of modules built
 * at the same time overlap, then writes at its own relative path:
 * <pre>
 * content=MODULE-3 ITEM 7   the input's first line, upper-cased: the item's own result
 * peak=2                    the highest number of items in flight in this JVM so far, as the item leaves
 * runsAtOnce=2              the highest number of runs (output directories) with items in flight together
 * jvm=1b4e...               an id drawn once per class loader: equal in every output when all runs shared it
 * </pre>
 */
public class InFlightProbe implements ItemProcessor {
    private static final String JVM = UUID.randomUUID().toString();
    private static final Map<String, Integer> IN_FLIGHT_BY_RUN = new HashMap<>();
    private static int inFlight;
    private static int peak;
    private static int runsAtOnce;

    private final String run;
    private final long holdMillis;

    public InFlightProbe(ProcessorContext context) {
        this.run = context.outputDirectory().toString();
        this.holdMillis = Long.parseLong(context.parameters().getOrDefault("holdMillis", "100"));
    }

    @Override
    public void process(Item item) throws Exception {
        enter();
        try {
            Thread.sleep(holdMillis);
        } finally {
            leave();
        }
        String firstLine = Files.readAllLines(item.path(), StandardCharsets.UTF_8).get(0);
        int seenPeak;
        int seenRuns;
        synchronized (InFlightProbe.class) {
            seenPeak = peak;
            seenRuns = runsAtOnce;
        }
        Files.writeString(item.output(), "content=" + firstLine.toUpperCase(Locale.ROOT) + "\npeak=" + seenPeak
                + "\nrunsAtOnce=" + seenRuns + "\njvm=" + JVM + "\n", StandardCharsets.UTF_8);
    }

    private void enter() {
        synchronized (InFlightProbe.class) {
            inFlight++;
            peak = Math.max(peak, inFlight);
            IN_FLIGHT_BY_RUN.merge(run, 1, Integer::sum);
            runsAtOnce = Math.max(runsAtOnce, IN_FLIGHT_BY_RUN.size());
        }
    }

    private void leave() {
        synchronized (InFlightProbe.class) {
            inFlight--;
            IN_FLIGHT_BY_RUN.computeIfPresent(run, (key, count) -> count == 1 ? null : count - 1);
        }
    }
}
