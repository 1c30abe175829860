package io.github.parmap.it.processors;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import io.github.parmap.ProcessorContext;

/** A processor that cannot start: its constructor always throws, as one would when its setup is missing. */
public class ThrowingConstructor implements ItemProcessor {

    public ThrowingConstructor(ProcessorContext context) {
        throw new IllegalStateException("no licence key configured for the imaginary image service");
    }

    @Override
    public void process(Item item) {
        throw new AssertionError("never called: the constructor throws");
    }
}
