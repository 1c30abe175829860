package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maxPixels}: an image larger than the budget fails from its header alone, and one within it is
 * decoded at a fraction of its size, so that memory follows the output's size and not the input's.
 */
class ResizeImagePixelBudgetTest {
    /** Far less than the 400 MB a 20000 × 20000 grey image holds, let alone the 1.6 GB of it as RGBA. */
    private static final String HEAP = "-Xmx256m";

    @TempDir
    Path root;

    @Test
    void aPixelBombFailsAloneNamingItsSizeAndTheParameter() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        BlackPng.write(input.resolve("bomb.png"), 30_000, 30_000);
        ImageFiles.write(input, "fine.png", ImageFiles.picture(100, 100, BufferedImage.TYPE_INT_RGB), "png");
        assertTrue(Files.size(input.resolve("bomb.png")) < 1 << 20, "small on disk");

        ProcessingResult result = Runs.runBuiltin(input, root.resolve("out"), "resize-image", Map.of("width", "100"), 1);

        assertEquals(1, result.failures().size(), result::toString);
        assertEquals("bomb.png: the image is 30000×30000 = 900000000 pixels, more than parameter <maxPixels> allows (100000000); "
                + "raise <maxPixels> to resize it", result.failures().get(0).describe());
        assertEquals(List.of("fine.png"), Trees.files(root.resolve("out")));
    }

    @Test
    void maxPixelsIsTheLargestSizeThatPasses() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        ImageFiles.write(input, "square.png", ImageFiles.picture(100, 100, BufferedImage.TYPE_INT_RGB), "png");

        ProcessingResult exact = Runs.runBuiltin(input, root.resolve("exact"), "resize-image", Map.of("width", "10", "maxPixels", "10000"), 1);
        ProcessingResult under = Runs.runBuiltin(input, root.resolve("under"), "resize-image", Map.of("width", "10", "maxPixels", "9999"), 1);

        assertTrue(exact.succeeded(), exact::toString);
        assertEquals("square.png: the image is 100×100 = 10000 pixels, more than parameter <maxPixels> allows (9999); "
                + "raise <maxPixels> to resize it", under.failures().get(0).describe());
    }

    @Test
    void aFourHundredMegapixelImageIsResizedWithinAQuarterGigabyteHeap() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Path output = root.resolve("out");
        BlackPng.write(input.resolve("huge.png"), 20_000, 20_000);

        Path log = root.resolve("forked-run.log");
        ForkedJvm.awaitSuccess(ForkedJvm.start(log, HEAP, ResizeImageMain.class,
                List.of(input.toString(), output.toString(), "width=200", "maxPixels=400000000")), log);
        Path thumbnail = output.resolve("huge.png");
        BufferedImage image = ImageFiles.read(thumbnail);
        assertEquals("200×200", image.getWidth() + "×" + image.getHeight());
        assertEquals(0, ImageFiles.pngColourType(thumbnail), "grey");
        assertEquals(0, image.getRaster().getSample(100, 100, 0), "black");
    }
}
