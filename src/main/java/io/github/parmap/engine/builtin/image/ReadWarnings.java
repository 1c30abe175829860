package io.github.parmap.engine.builtin.image;

import io.github.parmap.engine.support.PlainMessageException;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Collects a decoder's warnings about the pixel data. The JDK's JPEG decoder only warns when the data ends
 * early or is damaged, and fills the rest of the picture with grey; a thumbnail of that is not what anybody
 * wants, so such a warning fails the image. Warnings about the colour profile (TwelveMonkeys says when a
 * CMYK JPEG has none, or a broken one, and it converts with a generic one) leave the pixels whole and pass.
 */
final class ReadWarnings implements IIOReadWarningListener {
    private String first;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        if (first == null && !warning.toLowerCase(Locale.ROOT).contains("profile")) {
            first = warning;
        }
    }

    void throwIfAny() {
        if (first != null) {
            throw new PlainMessageException("truncated or corrupt: " + first);
        }
    }
}
