package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.parmap.engine.report.ProcessingResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JPEG whose EXIF orientation tag says how a camera was held comes out upright: a 1200 × 800 picture with
 * a red patch in its stored top-left corner and a green one in its stored top-right corner, tagged with each
 * of the eight values, has those patches where the tag says they are seen, and no tag is left to turn it again.
 */
class ResizeImageOrientationTest {
    private static final int MARKER = 200;

    @TempDir
    Path root;

    /** Blue, with the two corner patches of the stored image. */
    private static BufferedImage stored() {
        BufferedImage image = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.BLUE);
        graphics.fillRect(0, 0, 1200, 800);
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, MARKER, MARKER);
        graphics.setColor(Color.GREEN);
        graphics.fillRect(1200 - MARKER, 0, MARKER, MARKER);
        graphics.dispose();
        return image;
    }

    /** The JPEG with an EXIF APP1 segment holding only IFD0's Orientation, put after the JFIF APP0 segment. */
    static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        writeShort(tiff, littleEndian ? 0x4949 : 0x4D4D, false);
        writeShort(tiff, 42, littleEndian);
        writeInt(tiff, 8, littleEndian); // IFD0 right after this header
        writeShort(tiff, 1, littleEndian); // one entry
        writeShort(tiff, 0x0112, littleEndian);
        writeShort(tiff, 3, littleEndian); // SHORT
        writeInt(tiff, 1, littleEndian);
        writeShort(tiff, orientation, littleEndian);
        writeShort(tiff, 0, littleEndian);
        writeInt(tiff, 0, littleEndian); // no next IFD
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exif.length + tiff.size();
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF)); // SOI, then APP0's marker and length
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(0xFF);
        out.write(0xE1);
        writeShort(out, length, false);
        out.writeBytes(exif);
        out.writeBytes(tiff.toByteArray());
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value, boolean littleEndian) {
        out.write(littleEndian ? value : value >> 8);
        out.write(littleEndian ? value >> 8 : value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value, boolean littleEndian) {
        writeShort(out, littleEndian ? value : value >>> 16, littleEndian);
        writeShort(out, littleEndian ? value >>> 16 : value, littleEndian);
    }

    /** Where a corner patch is seen: TL, TR, BL or BR of the output. */
    private static String cornerOf(BufferedImage image, Color patch) {
        int inset = 10;
        int right = image.getWidth() - 1 - inset;
        int bottom = image.getHeight() - 1 - inset;
        StringBuilder found = new StringBuilder();
        int[][] corners = {{inset, inset}, {right, inset}, {inset, bottom}, {right, bottom}};
        String[] names = {"TL", "TR", "BL", "BR"};
        for (int i = 0; i < corners.length; i++) {
            if (ImageFiles.near(ImageFiles.colourAt(image, corners[i][0], corners[i][1]), patch.getRed(), patch.getGreen(), patch.getBlue(), 60)) {
                found.append(found.length() == 0 ? "" : ",").append(names[i]);
            }
        }
        return found.toString();
    }

    @ParameterizedTest(name = "orientation {0}: red {3}, green {4}")
    @CsvSource({
        "1, 320, 213, TL, TR",
        "2, 320, 213, TR, TL",
        "3, 320, 213, BR, BL",
        "4, 320, 213, BL, BR",
        "5, 213, 320, TL, BL",
        "6, 213, 320, TR, BR",
        "7, 213, 320, BR, TR",
        "8, 213, 320, BL, TL"
    })
    void eachOrientationComesOutUpright(int orientation, int width, int height, String red, String green) throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "photo.jpg", withOrientation(ImageFiles.encode(stored(), "jpeg"), orientation, orientation % 2 == 0));

        ProcessingResult result = Runs.runBuiltin(input, root.resolve("out"), "resize-image", Map.of("width", "320", "height", "320"), 1);

        assertTrue(result.succeeded(), result::toString);
        BufferedImage thumbnail = ImageFiles.read(root.resolve("out/photo.jpg"));
        assertEquals(width + "×" + height, thumbnail.getWidth() + "×" + thumbnail.getHeight());
        assertEquals(red, cornerOf(thumbnail, Color.RED), "where the stored top-left corner is seen");
        assertEquals(green, cornerOf(thumbnail, Color.GREEN), "where the stored top-right corner is seen");
    }

    @Test
    void theOutputCarriesNoOrientationTagToTurnItAgain() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        Trees.write(input, "photo.jpg", withOrientation(ImageFiles.encode(stored(), "jpeg"), 6, false));

        Runs.runBuiltin(input, root.resolve("out"), "resize-image", Map.of("width", "320"), 1);

        String bytes = new String(Files.readAllBytes(root.resolve("out/photo.jpg")), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("Exif"), "no EXIF segment in the output");
        assertEquals(320, ImageFiles.read(root.resolve("out/photo.jpg")).getWidth(), "the width box applies to the upright picture");
    }

    @Test
    void aDamagedExifSegmentLeavesThePictureAsStored() throws Exception {
        Path input = Files.createDirectories(root.resolve("in"));
        byte[] tagged = withOrientation(ImageFiles.encode(stored(), "jpeg"), 6, false);
        int tiff = new String(tagged, StandardCharsets.ISO_8859_1).indexOf("Exif") + 6;
        tagged[tiff + 4] = (byte) 0x70; // IFD0's offset now points far past the end of the file
        Trees.write(input, "photo.jpg", tagged);

        ProcessingResult result = Runs.runBuiltin(input, root.resolve("out"), "resize-image", Map.of("width", "320"), 1);

        assertTrue(result.succeeded(), result::toString);
        BufferedImage thumbnail = ImageFiles.read(root.resolve("out/photo.jpg"));
        assertEquals("320×213", thumbnail.getWidth() + "×" + thumbnail.getHeight());
        assertEquals("TL", cornerOf(thumbnail, Color.RED));
    }
}
