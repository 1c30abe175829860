package io.github.parmap.engine.builtin.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Writes an image as PNG or JPEG with the JDK's writers, without metadata. */
public final class ImageEncoder {
    private final float jpegQuality;

    /** @param jpegQuality from 0 to 1; PNG is lossless and ignores it */
    public ImageEncoder(float jpegQuality) {
        this.jpegQuality = jpegQuality;
    }

    public void write(BufferedImage image, ImageFormat format, OutputStream out) throws IOException {
        ImageWriter writer = ImageCodecs.writerFor(format.writerName());
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }
}
