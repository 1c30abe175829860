package io.github.parmap.engine.builtin.image;

import java.util.OptionalInt;

/**
 * The box an image must fit in; a missing side does not limit. An image is scaled by one factor in both
 * directions, to the largest size that fits, and never enlarged.
 */
public record FitBox(OptionalInt width, OptionalInt height) {

    /** @return the largest size with the source's aspect ratio that fits; the source's own size if it fits already */
    public Size fit(Size source) {
        double scale = 1;
        if (width.isPresent()) {
            scale = Math.min(scale, (double) width.getAsInt() / source.width());
        }
        if (height.isPresent()) {
            scale = Math.min(scale, (double) height.getAsInt() / source.height());
        }
        if (scale >= 1) {
            return source;
        }
        return new Size(Math.max(1, (int) Math.round(source.width() * scale)), Math.max(1, (int) Math.round(source.height() * scale)));
    }
}
