package io.github.parmap.engine.builtin.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Scales down in steps that at most halve the size, each with bilinear interpolation: one bilinear step from
 * a much larger image samples only a few source pixels per target pixel and looks grainy.
 */
final class Downscaler {
    private Downscaler() {}

    /**
     * @param type {@link BufferedImage#TYPE_INT_RGB} (transparent parts become white) or
     *             {@link BufferedImage#TYPE_INT_ARGB}
     * @return a new image of the target size and type, even when the source has that size already
     */
    static BufferedImage scale(BufferedImage source, Size target, int type) {
        BufferedImage current = source;
        int currentWidth = source.getWidth();
        int currentHeight = source.getHeight();
        do {
            currentWidth = Math.max(target.width(), currentWidth / 2);
            currentHeight = Math.max(target.height(), currentHeight / 2);
            if (currentWidth / 2 < target.width() && currentHeight / 2 < target.height()) {
                currentWidth = target.width();
                currentHeight = target.height();
            }
            current = draw(current, currentWidth, currentHeight, type);
        } while (currentWidth != target.width() || currentHeight != target.height());
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D graphics = target.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, width, height);
            }
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }
}
