package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Copies each file, but first sleeps on files that ask for it, to stand for a processor that hangs:
 * <ul>
 * <li>a file whose content contains {@code SLOW} sleeps {@code sleepMillis} (default 60000) and stops
 * when its thread is interrupted, as a well-behaved processor does;</li>
 * <li>a file whose content contains {@code STUBBORN} sleeps {@code sleepMillis} too, but ignores
 * interrupts, as a processor stuck in code that never checks them does.</li>
 * </ul>
 * The copy is written after the sleep, so an output of a slow file can only appear if parmap commits an
 * item it gave up on.
 */
public class SleepOnMarker implements ItemProcessor {
    private final long sleepMillis;

    public SleepOnMarker(ProcessorContext context) {
        this.sleepMillis = Long.parseLong(context.parameters().getOrDefault("sleepMillis", "60000"));
    }

    @Override
    public void process(Item item) throws IOException, InterruptedException {
        String content = Files.readString(item.path());
        if (content.contains("STUBBORN")) {
            sleepIgnoringInterrupts();
        } else if (content.contains("SLOW")) {
            Thread.sleep(sleepMillis);
        }
        Files.copy(item.path(), item.output(), StandardCopyOption.REPLACE_EXISTING);
    }

    private void sleepIgnoringInterrupts() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sleepMillis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException ignored) {
                // keeps sleeping, on purpose
            }
        }
    }
}
