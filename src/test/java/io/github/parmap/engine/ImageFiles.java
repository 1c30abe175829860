package io.github.parmap.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Pictures for the resize-image tests, and what a user would look at in its outputs. */
final class ImageFiles {
    private ImageFiles() {}

    /** Left half red, right half blue, with a diagonal gradient so that scaling has something to blend. */
    static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int shade = (x + y) * 60 / (width + height);
                image.setRGB(x, y, x < width / 2 ? new Color(255, shade, shade).getRGB() : new Color(shade, shade, 255).getRGB());
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, bytes), "no writer for " + format);
        return bytes.toByteArray();
    }

    static void write(Path directory, String relativePath, BufferedImage image, String format) throws IOException {
        Trees.write(directory, relativePath, encode(image, format));
    }

    /** @return a file of src/test/resources/images */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ImageFiles.class.getResourceAsStream("/images/" + name)) {
            assertNotNull(in, "missing test resource images/" + name);
            return in.readAllBytes();
        }
    }

    static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image");
        return image;
    }

    /** @return the format name of the file's content, in lower case */
    static String formatOf(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            return readers.next().getFormatName().toLowerCase(Locale.ROOT);
        }
    }

    /** @return the colour type byte of a PNG's header: 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA */
    static int pngColourType(Path file) throws IOException {
        return Files.readAllBytes(file)[25];
    }

    static Color colourAt(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y), true);
    }

    /** @return whether the colour is near (r, g, b), each channel within {@code tolerance} */
    static boolean near(Color colour, int r, int g, int b, int tolerance) {
        return Math.abs(colour.getRed() - r) <= tolerance && Math.abs(colour.getGreen() - g) <= tolerance
                && Math.abs(colour.getBlue() - b) <= tolerance;
    }
}
