package io.github.parmap.engine.builtin.image;

import java.awt.image.BufferedImage;

/**
 * An image as read, before scaling.
 *
 * @param pixels      the stored pixels, possibly subsampled: at least twice the target's size where the
 *                    source is larger than that
 * @param format      the decoded format's name in lower case, such as {@code jpeg}, {@code png} or {@code webp}
 * @param orientation how the stored pixels are to be shown
 * @param target      the size to scale {@code pixels} to, in stored orientation (before {@code orientation})
 */
public record DecodedImage(BufferedImage pixels, String format, Orientation orientation, Size target) {}
