package io.github.parmap.engine.support;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where a class's code comes from, for fingerprints of a processor's code. */
public final class CodeLocations {
    private CodeLocations() {}

    /** @return the jar or directory a class was loaded from; its name when that cannot be known, which still changes with it */
    public static Path of(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException unknown) {
            return Path.of(type.getName());
        }
    }
}
