package io.github.parmap.engine.builtin.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.stream.ImageInputStream;

/**
 * What the segments before a JPEG's image data say: the {@code Orientation} tag (0x0112) of IFD0 in the EXIF
 * APP1 segment, and how many colour components the frame has (4 for CMYK and YCCK). Anything unexpected (no
 * EXIF, a damaged one, a stream that is no JPEG) reads as {@link Orientation#NORMAL}; the decoder reports a
 * damaged frame itself.
 *
 * @param orientation how the stored pixels are to be shown
 * @param components  the frame's component count, 0 when there is no frame header (or no JPEG)
 */
public record JpegHeader(Orientation orientation, int components) {
    private static final JpegHeader NONE = new JpegHeader(Orientation.NORMAL, 0);
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    /** @param in a stream at its start; it is left there, in big-endian byte order */
    public static JpegHeader of(ImageInputStream in) throws IOException {
        in.mark();
        try {
            return read(in);
        } catch (EOFException truncated) {
            return NONE; // the decoder reports a truncated file
        } finally {
            in.setByteOrder(ByteOrder.BIG_ENDIAN);
            in.reset();
        }
    }

    /** @return whether only a reader that converts CMYK or YCCK shows this JPEG's colours right */
    public boolean hasFourComponents() {
        return components == 4;
    }

    private static JpegHeader read(ImageInputStream in) throws IOException {
        in.setByteOrder(ByteOrder.BIG_ENDIAN);
        if (in.readUnsignedShort() != 0xFFD8) {
            return NONE;
        }
        Orientation orientation = Orientation.NORMAL;
        while (true) {
            if (in.readUnsignedByte() != 0xFF) {
                return new JpegHeader(orientation, 0);
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) { // fill bytes may stand before a marker
                marker = in.readUnsignedByte();
            }
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                return new JpegHeader(orientation, 0);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            int length = in.readUnsignedShort() - 2;
            long next = in.getStreamPosition() + length;
            if (isStartOfFrame(marker)) {
                in.skipBytes(5); // precision, height, width
                return new JpegHeader(orientation, in.readUnsignedByte());
            }
            if (marker == APP1 && length > 14 && in.readInt() == 0x45786966 && in.readUnsignedShort() == 0) { // "Exif\0\0"
                orientation = orientationInTiff(in);
                in.setByteOrder(ByteOrder.BIG_ENDIAN);
            }
            in.seek(next);
        }
    }

    /** SOF0 to SOF15, less the markers of that range that are no frame: DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** Reads IFD0 of the TIFF structure the stream is at, in the byte order its header names. */
    private static Orientation orientationInTiff(ImageInputStream in) throws IOException {
        long tiffStart = in.getStreamPosition();
        int byteOrder = in.readUnsignedShort();
        if (byteOrder == 0x4949) { // "II"
            in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
        } else if (byteOrder != 0x4D4D) { // "MM"
            return Orientation.NORMAL;
        }
        if (in.readUnsignedShort() != 42) {
            return Orientation.NORMAL;
        }
        long ifd = tiffStart + in.readUnsignedInt();
        if (ifd >= in.length() && in.length() >= 0) {
            return Orientation.NORMAL;
        }
        in.seek(ifd);
        int entries = in.readUnsignedShort();
        for (int i = 0; i < entries; i++) {
            int tag = in.readUnsignedShort();
            int type = in.readUnsignedShort();
            long count = in.readUnsignedInt();
            int value = in.readUnsignedShort();
            in.skipBytes(2);
            if (tag == ORIENTATION_TAG) {
                return type == TYPE_SHORT && count == 1 ? Orientation.ofExifValue(value) : Orientation.NORMAL;
            }
        }
        return Orientation.NORMAL;
    }
}
