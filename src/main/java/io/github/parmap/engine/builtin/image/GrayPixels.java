package io.github.parmap.engine.builtin.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * Moves grey pixels in and out of packed RGB by their stored values. Java2D treats a grey colour space as
 * linear and converts on every {@code getRGB}, which brightens a grey PNG's midtones once on the way in and
 * not on the way out; copying the samples as they are keeps the grey levels the file had.
 */
final class GrayPixels {
    private GrayPixels() {}

    /** @return the grey image as packed RGB with the grey level in all three channels (and its alpha if kept) */
    static BufferedImage toRgb(BufferedImage gray, boolean keepAlpha) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Raster raster = gray.getRaster();
        ColorModel model = gray.getColorModel();
        int[] levels = new int[w];
        int[] alphas = new int[w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            readRow(raster, model, y, levels, alphas);
            for (int x = 0; x < w; x++) {
                int level = levels[x];
                row[x] = (keepAlpha ? alphas[x] << 24 : 0xFF000000) | level << 16 | level << 8 | level;
            }
            rgb.setRGB(0, y, w, 1, row, 0, w);
        }
        return rgb;
    }

    /** Reads one row's grey levels and alphas, both from 0 to 255. */
    private static void readRow(Raster raster, ColorModel model, int y, int[] levels, int[] alphas) {
        int w = levels.length;
        if (model instanceof IndexColorModel palette) {
            raster.getSamples(0, y, w, 1, 0, levels);
            for (int x = 0; x < w; x++) {
                alphas[x] = palette.getAlpha(levels[x]);
                levels[x] = palette.getRed(levels[x]);
            }
            return;
        }
        raster.getSamples(0, y, w, 1, 0, levels);
        scaleTo8Bits(levels, model.getComponentSize(0));
        if (model.hasAlpha()) {
            raster.getSamples(0, y, w, 1, raster.getNumBands() - 1, alphas);
            scaleTo8Bits(alphas, model.getComponentSize(model.getNumComponents() - 1));
        } else {
            Arrays.fill(alphas, 255);
        }
    }

    private static void scaleTo8Bits(int[] samples, int bits) {
        if (bits == 8) {
            return;
        }
        int max = (1 << bits) - 1;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (samples[i] * 255 + max / 2) / max;
        }
    }

    /** @return an 8-bit grey image (with an alpha band if asked) holding the red channel of a packed RGB image */
    static BufferedImage fromRgb(BufferedImage rgb, boolean keepAlpha) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        BufferedImage gray = keepAlpha ? grayWithAlpha(w, h) : new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = gray.getRaster();
        int[] row = new int[w];
        int[] levels = new int[w];
        int[] alphas = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                levels[x] = row[x] >> 16 & 0xFF;
                alphas[x] = row[x] >>> 24;
            }
            raster.setSamples(0, y, w, 1, 0, levels);
            if (keepAlpha) {
                raster.setSamples(0, y, w, 1, 1, alphas);
            }
        }
        return gray;
    }

    private static BufferedImage grayWithAlpha(int w, int h) {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, model.createCompatibleWritableRaster(w, h), false, null);
    }
}
