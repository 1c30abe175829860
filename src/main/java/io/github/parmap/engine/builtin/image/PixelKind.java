package io.github.parmap.engine.builtin.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;

/**
 * Whether a decoded image has colour and transparency, which decides how its output is stored: a grey
 * picture (grey colour space, or a palette of greys only) is written grey, and alpha is kept only where
 * the input has it.
 *
 * @param gray  no pixel has colour
 * @param alpha some pixels may be transparent
 */
public record PixelKind(boolean gray, boolean alpha) {

    public static PixelKind of(BufferedImage image) {
        ColorModel model = image.getColorModel();
        return new PixelKind(isGray(model), model.hasAlpha());
    }

    private static boolean isGray(ColorModel model) {
        if (model instanceof IndexColorModel palette) {
            for (int i = 0; i < palette.getMapSize(); i++) {
                if (palette.getRed(i) != palette.getGreen(i) || palette.getGreen(i) != palette.getBlue(i)) {
                    return false;
                }
            }
            return true;
        }
        return model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** @return this kind without alpha, for formats that have none (JPEG) */
    public PixelKind opaque() {
        return new PixelKind(gray, false);
    }

    /** @return the type Java2D scales into: packed RGB, with alpha when this kind has it */
    public int scalingType() {
        return alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }
}
