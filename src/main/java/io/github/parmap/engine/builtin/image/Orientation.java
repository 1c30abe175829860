package io.github.parmap.engine.builtin.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * The eight values of the EXIF {@code Orientation} tag: how the stored pixels must be turned or mirrored to
 * be seen upright. Each value maps a stored pixel (x, y) of a w × h image to where it is shown.
 */
public enum Orientation {
    NORMAL(false) {
        @Override
        int shownX(int x, int y, int w, int h) { return x; }
        @Override
        int shownY(int x, int y, int w, int h) { return y; }
    },
    MIRROR_HORIZONTAL(false) {
        @Override
        int shownX(int x, int y, int w, int h) { return w - 1 - x; }
        @Override
        int shownY(int x, int y, int w, int h) { return y; }
    },
    ROTATE_180(false) {
        @Override
        int shownX(int x, int y, int w, int h) { return w - 1 - x; }
        @Override
        int shownY(int x, int y, int w, int h) { return h - 1 - y; }
    },
    MIRROR_VERTICAL(false) {
        @Override
        int shownX(int x, int y, int w, int h) { return x; }
        @Override
        int shownY(int x, int y, int w, int h) { return h - 1 - y; }
    },
    /** Stored rows become shown columns from the left: a mirror across the main diagonal. */
    TRANSPOSE(true) {
        @Override
        int shownX(int x, int y, int w, int h) { return y; }
        @Override
        int shownY(int x, int y, int w, int h) { return x; }
    },
    /** The camera was turned clockwise: stored rows become shown columns from the right. */
    ROTATE_90_CLOCKWISE(true) {
        @Override
        int shownX(int x, int y, int w, int h) { return h - 1 - y; }
        @Override
        int shownY(int x, int y, int w, int h) { return x; }
    },
    /** A mirror across the anti-diagonal. */
    TRANSVERSE(true) {
        @Override
        int shownX(int x, int y, int w, int h) { return h - 1 - y; }
        @Override
        int shownY(int x, int y, int w, int h) { return w - 1 - x; }
    },
    ROTATE_90_COUNTERCLOCKWISE(true) {
        @Override
        int shownX(int x, int y, int w, int h) { return y; }
        @Override
        int shownY(int x, int y, int w, int h) { return w - 1 - x; }
    };

    private final boolean swapsSides;

    Orientation(boolean swapsSides) {
        this.swapsSides = swapsSides;
    }

    abstract int shownX(int x, int y, int w, int h);

    abstract int shownY(int x, int y, int w, int h);

    /** @return the orientation of an EXIF tag value; values outside 1 to 8 mean no change, as in other readers */
    public static Orientation ofExifValue(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** @return whether the shown image's width is the stored image's height */
    public boolean swapsSides() {
        return swapsSides;
    }

    /** @return the image as it is to be shown: the same object when nothing changes, else a new image of its type */
    public BufferedImage apply(BufferedImage stored) {
        if (this == NORMAL) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        WritableRaster shownRaster = stored.getColorModel().createCompatibleWritableRaster(swapsSides ? h : w, swapsSides ? w : h);
        WritableRaster storedRaster = stored.getRaster();
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = storedRaster.getDataElements(x, y, pixel);
                shownRaster.setDataElements(shownX(x, y, w, h), shownY(x, y, w, h), pixel);
            }
        }
        return new BufferedImage(stored.getColorModel(), shownRaster, stored.isAlphaPremultiplied(), null);
    }
}
