package io.github.parmap.engine;

import java.util.Random;

/**
 * Runs a property over many generated cases in one test. Each case draws from a {@link Random} seeded with
 * its number, so a failure names the case and the input it reports reproduces on every run; the run stops at
 * the first failing case.
 */
public final class SeededCases {
    private SeededCases() {}

    /** One generated case: draws its input from {@code random} and asserts the property. */
    @FunctionalInterface
    public interface Case {
        void check(int seed, Random random) throws Exception;
    }

    public static void check(int cases, Case property) throws Exception {
        for (int seed = 0; seed < cases; seed++) {
            try {
                property.check(seed, new Random(seed));
            } catch (AssertionError e) {
                throw new AssertionError("case " + seed + " of " + cases + ": " + e.getMessage(), e);
            }
        }
    }
}
