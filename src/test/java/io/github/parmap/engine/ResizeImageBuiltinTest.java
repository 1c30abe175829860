package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The resize-image built-in: sizes, formats, transparency, determinism and parameter checks. */
class ResizeImageBuiltinTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
    }

    private static BufferedImage picture(int width, int height, int type) {
        return ImageFiles.picture(width, height, type);
    }

    private void writeImage(String relativePath, BufferedImage image, String format) throws IOException {
        ImageFiles.write(input, relativePath, image, format);
    }

    private BufferedImage readOutput(String relativePath) throws IOException {
        return ImageFiles.read(output.resolve(relativePath));
    }

    private String formatOf(String relativePath) throws IOException {
        return ImageFiles.formatOf(output.resolve(relativePath));
    }

    private static ProcessingResult resize(Path input, Path output, Map<String, String> parameters) throws Exception {
        return Runs.runBuiltin(input, output, "resize-image", parameters, 2);
    }

    @ParameterizedTest(name = "{0}x{1} in width {2} height {3} -> {4}x{5}")
    @CsvSource({
        "400, 200, 100,    , 100, 50",
        "400, 200,    , 100, 200, 100",
        "400, 200, 100, 100, 100, 50",
        "200, 400, 100, 100, 50, 100",
        "300, 200, 200, 100, 150, 100",
        "1000, 3, 100,     , 100, 1",
        "64, 32, 256,      , 64, 32",
        "64, 32, 256, 256,   64, 32"
    })
    void fitsTheBoxKeepingTheAspectRatioAndNeverEnlarges(int width, int height, String boxWidth, String boxHeight,
            int expectedWidth, int expectedHeight) throws Exception {
        writeImage("photos/picture.png", picture(width, height, BufferedImage.TYPE_INT_RGB), "png");
        Map<String, String> parameters = new java.util.TreeMap<>();
        if (boxWidth != null) {
            parameters.put("width", boxWidth);
        }
        if (boxHeight != null) {
            parameters.put("height", boxHeight);
        }

        ProcessingResult result = resize(input, output, parameters);

        assertTrue(result.succeeded(), result::toString);
        BufferedImage thumbnail = readOutput("photos/picture.png");
        assertEquals(expectedWidth, thumbnail.getWidth());
        assertEquals(expectedHeight, thumbnail.getHeight());
    }

    @Test
    void keepsThePictureInPlace() throws Exception {
        writeImage("picture.png", picture(800, 400, BufferedImage.TYPE_INT_RGB), "png");

        resize(input, output, Map.of("width", "80"));

        BufferedImage thumbnail = readOutput("picture.png");
        Color left = new Color(thumbnail.getRGB(5, 20));
        Color right = new Color(thumbnail.getRGB(75, 20));
        assertTrue(left.getRed() > 200 && left.getBlue() < 100, "left stays red: " + left);
        assertTrue(right.getBlue() > 200 && right.getRed() < 100, "right stays blue: " + right);
    }

    @Test
    void eachFormatStaysItsOwnByDefaultAndOtherFormatsBecomePng() throws Exception {
        writeImage("a.png", picture(300, 300, BufferedImage.TYPE_INT_RGB), "png");
        writeImage("b.jpg", picture(300, 300, BufferedImage.TYPE_INT_RGB), "jpeg");
        writeImage("c.jpeg", picture(300, 300, BufferedImage.TYPE_INT_RGB), "jpeg");
        writeImage("d.gif", picture(300, 300, BufferedImage.TYPE_INT_RGB), "gif");
        writeImage("e.bmp", picture(300, 300, BufferedImage.TYPE_INT_RGB), "bmp");

        ProcessingResult result = resize(input, output, Map.of("width", "30"));

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("a.png", "b.jpg", "c.jpeg", "d.png", "e.png"), Trees.files(output));
        assertEquals("png", formatOf("a.png"));
        assertEquals("jpeg", formatOf("b.jpg"));
        assertEquals("jpeg", formatOf("c.jpeg"));
        assertEquals("png", formatOf("d.png"));
        assertEquals(30, readOutput("e.png").getWidth());
    }

    @Test
    void formatJpegReplacesTheExtensionAndPaintsTransparencyWhite() throws Exception {
        BufferedImage transparent = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = transparent.createGraphics();
        graphics.setColor(Color.BLACK);
        graphics.fillRect(100, 0, 100, 100);
        graphics.dispose();
        writeImage("icons/logo.png", transparent, "png");

        ProcessingResult result = resize(input, output, Map.of("width", "50", "format", "JPG"));

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("icons/logo.jpg"), Trees.files(output));
        assertEquals("jpeg", formatOf("icons/logo.jpg"));
        BufferedImage thumbnail = readOutput("icons/logo.jpg");
        assertEquals(25, thumbnail.getHeight());
        assertTrue(new Color(thumbnail.getRGB(5, 12)).getRed() > 240, "transparent became white");
        assertTrue(new Color(thumbnail.getRGB(45, 12)).getRed() < 20, "black stays black");
    }

    @Test
    void pngOutputKeepsTransparency() throws Exception {
        BufferedImage transparent = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = transparent.createGraphics();
        graphics.setColor(Color.GREEN);
        graphics.fillRect(100, 0, 100, 100);
        graphics.dispose();
        writeImage("logo.png", transparent, "png");

        resize(input, output, Map.of("height", "20"));

        BufferedImage thumbnail = readOutput("logo.png");
        assertEquals(40, thumbnail.getWidth());
        assertEquals(0, thumbnail.getRGB(3, 10) >>> 24, "transparent stays transparent");
        assertEquals(255, thumbnail.getRGB(37, 10) >>> 24, "opaque stays opaque");
    }

    @Test
    void jpegQualityChangesTheSize() throws Exception {
        writeImage("photo.jpg", picture(600, 400, BufferedImage.TYPE_INT_RGB), "jpeg");

        Runs.runBuiltin(input, root.resolve("low"), "resize-image", Map.of("width", "300", "quality", "20"), 1);
        Runs.runBuiltin(input, root.resolve("high"), "resize-image", Map.of("width", "300", "quality", "100"), 1);

        assertTrue(Files.size(root.resolve("low/photo.jpg")) < Files.size(root.resolve("high/photo.jpg")));
    }

    @Test
    void outputIsTheSameOnEveryRunAndForAnyWorkerCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            writeImage("png-" + i + ".png", picture(500 + 37 * i, 300 + 11 * i, BufferedImage.TYPE_INT_ARGB), "png");
            writeImage("jpeg-" + i + ".jpg", picture(500 + 37 * i, 300 + 11 * i, BufferedImage.TYPE_INT_RGB), "jpeg");
        }

        Runs.runBuiltin(input, root.resolve("one"), "resize-image", Map.of("width", "120"), 1);
        Runs.runBuiltin(input, root.resolve("three"), "resize-image", Map.of("width", "120"), 3);

        assertEquals(8, Trees.files(root.resolve("one")).size());
        assertEquals(Trees.contents(root.resolve("one")), Trees.contents(root.resolve("three")));
    }

    @Test
    void aFileThatIsNoImageFailsAloneWithItsName() throws Exception {
        writeImage("good.png", picture(100, 100, BufferedImage.TYPE_INT_RGB), "png");
        Trees.write(input, "notes.png", "not a picture");

        ProcessingResult result = resize(input, output, Map.of("width", "10"));

        assertEquals(1, result.failures().size(), result::toString);
        assertEquals("notes.png: not an image that can be read (JPEG, PNG, WebP, GIF, BMP, TIFF or WBMP)", result.failures().get(0).describe());
        assertEquals(List.of("good.png"), Trees.files(output));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "width=0 | parameter <width> of the resize-image processor must be a whole number from 1 to 32767, was: '0'",
        "height=big | parameter <height> of the resize-image processor must be a whole number from 1 to 32767, was: 'big'",
        "width=10,format=webp | parameter <format> of the resize-image processor must be one of png, jpeg, jpg, was: 'webp'",
        "width=10,quality=101 | parameter <quality> of the resize-image processor must be a whole number from 1 to 100, was: '101'",
        "format=png | the resize-image processor needs parameter <width>, <height> or both: the size in pixels the images must fit in, "
                + "such as <width>256</width>",
        "width=10,maxPixels=0 | parameter <maxPixels> of the resize-image processor must be a whole number from 1 to "
                + "9223372036854775807, was: '0'",
        "width=10,size=3 | unknown parameter size for the resize-image processor; it accepts: format, height, maxPixels, quality, width"
    })
    void rejectsBadParametersNamingThem(String parameters, String message) throws Exception {
        writeImage("a.png", picture(10, 10, BufferedImage.TYPE_INT_RGB), "png");
        Map<String, String> map = new java.util.TreeMap<>();
        for (String pair : parameters.split(",")) {
            map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }

        ProcessingResult result = resize(input, output, map);

        assertFalse(result.succeeded());
        assertEquals("processor resize-image could not be created: " + message, result.processorFailures().get(0).message());
    }
}
