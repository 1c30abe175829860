import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a seeded set of photo-like JPEGs for {@code bench/images.py}: smooth colour gradients and soft
 * waves (the sky, skin and walls of a photo) under fine noise (its grain and texture), at quality 90, so
 * that they compress about as well as camera pictures do. The same arguments give the same files.
 *
 * <pre>java -cp DIR PhotoSet OUTPUT COUNT WIDTH HEIGHT SEED</pre>
 */
public final class PhotoSet {
    public static void main(String[] args) throws IOException {
        Path output = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int height = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        for (int i = 0; i < count; i++) {
            write(photo(width, height, new Random(seed * 1_000_003L + i)), output.resolve(String.format("photo-%03d.jpg", i)));
        }
    }

    private static BufferedImage photo(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double[] base = {random.nextDouble() * 160, random.nextDouble() * 160, random.nextDouble() * 160};
        double[] slope = {random.nextDouble() * 90, random.nextDouble() * 90, random.nextDouble() * 90};
        double waveX = 2 * Math.PI * (1 + random.nextInt(6)) / width;
        double waveY = 2 * Math.PI * (1 + random.nextInt(6)) / height;
        double phase = random.nextDouble() * Math.PI;
        for (int y = 0; y < height; y++) {
            double across = (double) y / height;
            for (int x = 0; x < width; x++) {
                double wave = 30 * Math.sin(x * waveX + phase) * Math.cos(y * waveY);
                int grain = random.nextInt(25) - 12;
                int r = clamp(base[0] + slope[0] * x / width + wave + grain);
                int g = clamp(base[1] + slope[1] * across - wave / 2 + grain);
                int b = clamp(base[2] + slope[2] * (1 - across) + wave / 3 + grain);
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return image;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, value));
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }
}
