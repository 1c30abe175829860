package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs beyond what the JDK reads right: CMYK and YCCK JPEGs, WebP, files named for another format, grey
 * and palette PNGs, and damaged files.
 */
class ResizeImageInputsTest {

    @TempDir
    Path root;

    private Path input;
    private Path output;

    @BeforeEach
    void createInput() throws IOException {
        input = Files.createDirectories(root.resolve("in"));
        output = root.resolve("out");
    }

    private ProcessingResult resize(Map<String, String> parameters) throws Exception {
        return Runs.runBuiltin(input, output, "resize-image", parameters, 2);
    }

    /**
     * Quadrants of pure inks, cyan and magenta above yellow and black, made by Pillow as an Adobe CMYK JPEG
     * and by ImageMagick as a YCCK one. The JDK's own reader refuses both.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cmyk.jpg", "ycck.jpg"})
    void cmykAndYcckJpegsKeepTheirInksColours(String fixture) throws Exception {
        Trees.write(input, "print.jpg", ImageFiles.fixture(fixture));

        ProcessingResult result = resize(Map.of("width", "32"));

        assertTrue(result.succeeded(), result::toString);
        BufferedImage thumbnail = ImageFiles.read(output.resolve("print.jpg"));
        assertEquals(32, thumbnail.getWidth());
        Color cyan = ImageFiles.colourAt(thumbnail, 8, 8);
        Color magenta = ImageFiles.colourAt(thumbnail, 24, 8);
        Color yellow = ImageFiles.colourAt(thumbnail, 8, 24);
        Color black = ImageFiles.colourAt(thumbnail, 24, 24);
        // Printing inks are duller than the screen's primaries, so each is checked for its hue and strength,
        // not for an exact value; inverted or unconverted CMYK would come out red, green, blue or white.
        assertTrue(cyan.getRed() < 60 && cyan.getGreen() > 120 && cyan.getBlue() > 180, "cyan: " + cyan);
        assertTrue(magenta.getRed() > 180 && magenta.getGreen() < 60 && magenta.getBlue() > 90, "magenta: " + magenta);
        assertTrue(yellow.getRed() > 200 && yellow.getGreen() > 200 && yellow.getBlue() < 80, "yellow: " + yellow);
        assertTrue(black.getRed() < 70 && black.getGreen() < 70 && black.getBlue() < 70, "black: " + black);
    }

    /** 120 × 40, red on the left half, blue on the right: lossy (VP8) and lossless (VP8L), made by cwebp. */
    @ParameterizedTest
    @ValueSource(strings = {"red-blue.webp", "red-blue-lossless.webp"})
    void webpIsReadAndWrittenAsPng(String fixture) throws Exception {
        Trees.write(input, "banner.webp", ImageFiles.fixture(fixture));

        ProcessingResult result = resize(Map.of("width", "60"));

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("banner.png"), Trees.files(output));
        assertEquals("png", ImageFiles.formatOf(output.resolve("banner.png")));
        BufferedImage thumbnail = ImageFiles.read(output.resolve("banner.png"));
        assertEquals("60×20", thumbnail.getWidth() + "×" + thumbnail.getHeight());
        assertTrue(ImageFiles.near(ImageFiles.colourAt(thumbnail, 5, 10), 255, 0, 0, 40), "left stays red");
        assertTrue(ImageFiles.near(ImageFiles.colourAt(thumbnail, 55, 10), 0, 0, 255, 40), "right stays blue");
        assertEquals(2, ImageFiles.pngColourType(output.resolve("banner.png")), "RGB without alpha: the input has none");
    }

    @Test
    void theContentDecidesTheFormatNotTheFileName() throws Exception {
        ImageFiles.write(input, "screenshot.jpg", ImageFiles.picture(200, 100, BufferedImage.TYPE_INT_RGB), "png");
        ImageFiles.write(input, "photo.png", ImageFiles.picture(200, 100, BufferedImage.TYPE_INT_RGB), "jpeg");
        ImageFiles.write(input, "shouting.JPEG", ImageFiles.picture(200, 100, BufferedImage.TYPE_INT_RGB), "jpeg");

        ProcessingResult result = resize(Map.of("width", "50"));

        assertTrue(result.succeeded(), result::toString);
        assertEquals(List.of("photo.jpg", "screenshot.png", "shouting.JPEG"), Trees.files(output));
        assertEquals("png", ImageFiles.formatOf(output.resolve("screenshot.png")));
        assertEquals("jpeg", ImageFiles.formatOf(output.resolve("photo.jpg")));
        assertEquals("jpeg", ImageFiles.formatOf(output.resolve("shouting.JPEG")));
    }

    private static BufferedImage grayRamp(int width, int height) {
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = gray.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, x < width / 2 ? 128 : 40);
            }
        }
        return gray;
    }

    @Test
    void greyPngsStayGreyWithTheirLevels() throws Exception {
        ImageFiles.write(input, "scan.png", grayRamp(200, 100), "png");

        resize(Map.of("width", "50"));

        Path thumbnail = output.resolve("scan.png");
        assertEquals(0, ImageFiles.pngColourType(thumbnail), "a grey PNG, not RGBA");
        WritableRaster raster = ImageFiles.read(thumbnail).getRaster();
        assertEquals(128, raster.getSample(10, 10, 0), "mid grey stays mid grey");
        assertEquals(40, raster.getSample(40, 10, 0), "dark grey stays dark grey");
    }

    @Test
    void aGreyPaletteBecomesGreyAndAColourPaletteRgb() throws Exception {
        byte[] levels = new byte[256];
        byte[] reds = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) i;
            reds[i] = (byte) 255;
        }
        BufferedImage greys = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, levels, levels, levels));
        greys.getRaster().setSamples(0, 0, 100, 100, 0, filled(100 * 100, 90));
        ImageFiles.write(input, "greys.png", greys, "png");
        BufferedImage colours = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, reds, levels, levels));
        colours.getRaster().setSamples(0, 0, 100, 100, 0, filled(100 * 100, 90));
        ImageFiles.write(input, "colours.png", colours, "png");

        ProcessingResult result = resize(Map.of("width", "25"));

        assertTrue(result.succeeded(), result::toString);
        assertEquals(0, ImageFiles.pngColourType(output.resolve("greys.png")));
        assertEquals(90, ImageFiles.read(output.resolve("greys.png")).getRaster().getSample(12, 12, 0));
        assertEquals(2, ImageFiles.pngColourType(output.resolve("colours.png")));
        assertTrue(ImageFiles.near(ImageFiles.colourAt(ImageFiles.read(output.resolve("colours.png")), 12, 12), 255, 90, 90, 2));
    }

    private static int[] filled(int length, int value) {
        int[] samples = new int[length];
        Arrays.fill(samples, value);
        return samples;
    }

    @Test
    void alphaIsKeptOnlyWhereTheInputHasIt() throws Exception {
        ComponentColorModel grayAlpha = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage icon = new BufferedImage(grayAlpha, grayAlpha.createCompatibleWritableRaster(100, 100), false, null);
        for (int x = 0; x < 100; x++) {
            for (int y = 0; y < 100; y++) {
                icon.getRaster().setPixel(x, y, new int[] {200, x < 50 ? 0 : 255});
            }
        }
        ImageFiles.write(input, "icon.png", icon, "png");
        ImageFiles.write(input, "opaque.png", ImageFiles.picture(100, 100, BufferedImage.TYPE_INT_RGB), "png");
        ImageFiles.write(input, "clear.png", ImageFiles.picture(100, 100, BufferedImage.TYPE_INT_ARGB), "png");

        resize(Map.of("width", "20"));

        assertEquals(4, ImageFiles.pngColourType(output.resolve("icon.png")), "grey with alpha");
        WritableRaster raster = ImageFiles.read(output.resolve("icon.png")).getRaster();
        assertEquals(0, raster.getSample(3, 10, 1), "transparent stays transparent");
        assertEquals(255, raster.getSample(17, 10, 1), "opaque stays opaque");
        assertEquals(200, raster.getSample(17, 10, 0), "and keeps its grey");
        assertEquals(2, ImageFiles.pngColourType(output.resolve("opaque.png")), "RGB: no alpha channel where the input has none");
        assertEquals(6, ImageFiles.pngColourType(output.resolve("clear.png")), "RGBA: the input has an alpha channel");
    }

    /** Noise compresses badly, so that half of the file is half of the picture's data. */
    private static BufferedImage noise(int width, int height) {
        Random random = new Random(7);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png"})
    void aFileCutInHalfFailsAloneSayingSo(String format) throws Exception {
        byte[] whole = ImageFiles.encode(noise(300, 200), format);
        Trees.write(input, "cut." + format, Arrays.copyOf(whole, whole.length / 2));
        ImageFiles.write(input, "whole.png", ImageFiles.picture(100, 100, BufferedImage.TYPE_INT_RGB), "png");

        ProcessingResult result = resize(Map.of("width", "100"));

        assertEquals(1, result.failures().size(), result::toString);
        String failure = result.failures().get(0).describe();
        assertTrue(failure.startsWith("cut." + format + ": truncated or corrupt: "), failure);
        assertEquals(List.of("whole.png"), Trees.files(output), "no half-grey thumbnail");
    }

    @Test
    void anEmptyFileIsNoImageAndAFileEndingAfterItsSignatureIsTruncated() throws Exception {
        Trees.write(input, "empty.png", new byte[0]);
        byte[] png = ImageFiles.encode(ImageFiles.picture(50, 50, BufferedImage.TYPE_INT_RGB), "png");
        Trees.write(input, "signature.png", Arrays.copyOf(png, 12));

        ProcessingResult result = resize(Map.of("width", "10"));

        assertEquals(List.of("empty.png: not an image that can be read (JPEG, PNG, WebP, GIF, BMP, TIFF or WBMP)"),
                result.failures().stream().filter(f -> f.describe().startsWith("empty")).map(f -> f.describe()).toList());
        assertTrue(result.failures().stream().anyMatch(f -> f.describe().startsWith("signature.png: truncated or corrupt: ")),
                result::toString);
    }
}
