package io.github.parmap.engine.commit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputClaimsTest {
    @Test
    void aSecondItemClaimingAnOutputIsRefusedNamingBoth() {
        OutputClaims claims = new OutputClaims();
        claims.claim("a.txt.gz", "a.txt");
        OutputClaims.OutputConflictException conflict = assertThrows(OutputClaims.OutputConflictException.class,
                () -> claims.claim("a.txt.gz", "a.txt.gz.txt"));
        assertEquals("output 'a.txt.gz' is written by both 'a.txt' and 'a.txt.gz.txt'; each output path may come from one input only",
                conflict.getMessage());
    }

    @Test
    void anItemMayClaimItsOwnOutputAgainAndItsOwnPath() {
        OutputClaims claims = new OutputClaims();
        claims.claim("same.txt", "same.txt");
        assertDoesNotThrow(() -> claims.claim("same.txt", "same.txt"));
        assertThrows(OutputClaims.OutputConflictException.class, () -> claims.claim("same.txt", "other.txt"));
    }

    @Test
    void anItemWithSeveralOutputsOwnsEachAndIsNamedInEachConflict() {
        OutputClaims claims = new OutputClaims();
        for (String suffix : new String[] {".gz", ".br", ".zst"}) {
            claims.claim("app.js" + suffix, "app.js");
        }
        claims.claim("lib.js.gz", "lib.js");
        for (String suffix : new String[] {".gz", ".br", ".zst"}) {
            OutputClaims.OutputConflictException conflict = assertThrows(OutputClaims.OutputConflictException.class,
                    () -> claims.claim("app.js" + suffix, "other.js"));
            assertEquals("output 'app.js" + suffix + "' is written by both 'app.js' and 'other.js'; each output path may come from one input only",
                    conflict.getMessage());
        }
        assertThrows(OutputClaims.OutputConflictException.class, () -> claims.claim("lib.js.gz", "app.js"));
    }

    @Test
    void aReservationHoldsTheOutputUntilItsOwnerReleasesIt() {
        AtomicInteger reserved = new AtomicInteger();
        OutputClaims claims = new OutputClaims(self -> {
            reserved.incrementAndGet();
            self.reserve("old.out", "old.in");
        }, 1);
        assertThrows(OutputClaims.OutputConflictException.class, () -> claims.claim("old.out", "new.in"));
        claims.release("old.out", "someone.else"); // only the owner releases
        assertThrows(OutputClaims.OutputConflictException.class, () -> claims.claim("old.out", "new.in"));
        claims.release("old.out", "old.in");
        assertDoesNotThrow(() -> claims.claim("old.out", "new.in"));
        assertEquals(1, reserved.get(), "the recorded outputs are reserved once");
    }

    @Test
    void manyClaimsFromSeveralThreadsAreEachHeldOnce() throws InterruptedException {
        OutputClaims claims = new OutputClaims();
        Thread[] threads = new Thread[4];
        AtomicInteger conflicts = new AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            int worker = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    try {
                        claims.claim("out/" + i, "in/" + i + (i % 1000 == 0 ? "-" + worker : ""));
                    } catch (OutputClaims.OutputConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Every 1000th output is asked for by four different items: three of them are refused.
        assertEquals(20 * 3, conflicts.get());
    }
}
