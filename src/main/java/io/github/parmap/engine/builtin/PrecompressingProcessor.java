package io.github.parmap.engine.builtin;

import io.github.parmap.Item;
import io.github.parmap.ItemProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the compressing built-ins share: writes the compressed siblings of each file, {@code REL.gz},
 * {@code REL.br}, {@code REL.zst}, as far as {@link Shrinkage} keeps them, and skips the item when it keeps
 * none.
 */
abstract class PrecompressingProcessor implements ItemProcessor {
    private final Shrinkage shrinkage;
    private final List<Compressor> compressors;

    /** @param compressors the formats to write, each this processor's own to close */
    PrecompressingProcessor(Shrinkage shrinkage, List<Compressor> compressors) {
        this.shrinkage = shrinkage;
        this.compressors = List.copyOf(compressors);
    }

    @Override
    public final void process(Item item) throws IOException {
        long size = Files.size(item.path());
        if (!shrinkage.compresses(size)) {
            item.skip(Shrinkage.BELOW_THRESHOLD);
            return;
        }
        boolean kept = false;
        for (Compressor compressor : compressors) {
            Path output = item.output(item.relativePath() + compressor.extension());
            compressor.compress(item.path(), size, output);
            if (shrinkage.keeps(size, Files.size(output))) {
                kept = true;
            } else {
                Files.delete(output); // an output requested but not written is not committed
            }
        }
        if (!kept) {
            item.skip(Shrinkage.NOT_SMALLER);
        }
    }

    @Override
    public final void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Compressor compressor : compressors) {
            try {
                compressor.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
