package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.cache.CacheKeys;
import io.github.parmap.engine.cache.CacheManifest;
import io.github.parmap.engine.support.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheFormatTest {
    private static final String SHA = "a".repeat(64);

    @Test
    void manifestSurvivesARoundTrip() throws Exception {
        CacheManifest manifest = new CacheManifest(List.of(new CacheManifest.Output("dir/with space.txt", 12, SHA),
                new CacheManifest.Output("b.gz", 0, "b".repeat(64))));

        assertEquals(manifest, CacheManifest.decode(manifest.encode()));
        assertEquals(new CacheManifest(List.of()), CacheManifest.decode(new CacheManifest(List.of()).encode()));
    }

    @Test
    void aCutShortManifestIsRejectedAtEveryLength() {
        byte[] whole = new CacheManifest(List.of(new CacheManifest.Output("a.txt", 3, SHA))).encode();
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThrows(CacheManifest.CorruptEntryException.class, () -> CacheManifest.decode(cut), "cut at " + length);
        }
    }

    @Test
    void aManifestNamingAPathOutsideTheOutputDirectoryIsRejected() {
        byte[] escaping = ("parmap-cache-manifest 1\n1\n" + SHA + " 3 ../../etc/passwd\nend\n").getBytes(StandardCharsets.UTF_8);

        CacheManifest.CorruptEntryException e = assertThrows(CacheManifest.CorruptEntryException.class, () -> CacheManifest.decode(escaping));
        assertTrue(e.getMessage().contains("outside"));
    }

    @Test
    void keysDependOnEveryPartAndOnNothingElse() {
        byte[] content = {1, 2, 3};
        String key = CacheKeys.key("config", "a/b.txt", content);

        assertEquals(key, CacheKeys.key("config", "a/b.txt", content.clone()));
        assertNotEquals(key, CacheKeys.key("config2", "a/b.txt", content));
        assertNotEquals(key, CacheKeys.key("config", "a/c.txt", content));
        assertNotEquals(key, CacheKeys.key("config", "a/b.txt", new byte[] {1, 2, 4}));
    }

    @Test
    void cacheMaxSizeTakesBytesAndBinaryUnits() throws Exception {
        assertEquals(2L << 30, SizeSetting.parse("cacheMaxSize", "2G"));
        assertEquals(2L << 30, SizeSetting.parse("cacheMaxSize", "2GiB"));
        assertEquals(500L << 20, SizeSetting.parse("cacheMaxSize", "500mb"));
        assertEquals(64L << 10, SizeSetting.parse("cacheMaxSize", "64k"));
        assertEquals(1234, SizeSetting.parse("cacheMaxSize", "1234"));
        for (String bad : new String[] {"", "lots", "-1G", "2X", "1.5G"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> SizeSetting.parse("cacheMaxSize", bad));
            assertTrue(e.getMessage().startsWith("<cacheMaxSize> must be"), e.getMessage());
        }
    }

    @Test
    void shardsSplitItemsEvenlyEnough() {
        int[] counts = new int[4];
        for (int i = 0; i < 4000; i++) {
            for (int k = 1; k <= 4; k++) {
                if (new Shard(k, 4).contains("images/photo-" + i + ".png")) {
                    counts[k - 1]++;
                }
            }
        }
        assertEquals(4000, Arrays.stream(counts).sum(), "each item in exactly one shard");
        for (int count : counts) {
            assertTrue(count > 800 && count < 1200, Arrays.toString(counts));
        }
    }
}
