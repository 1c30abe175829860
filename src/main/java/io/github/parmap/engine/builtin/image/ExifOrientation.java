package io.github.parmap.engine.builtin.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the {@code Orientation} tag (0x0112) of IFD0 from a JPEG's EXIF APP1 segment. Only the segments before
 * the image data are looked at; anything unexpected (no EXIF, a damaged one) means {@link Orientation#NORMAL},
 * since the tag only says how to show pixels that decode either way.
 */
public final class ExifOrientation {
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    /** @param in a JPEG stream at its start; it is left there, in big-endian byte order */
    public static Orientation of(ImageInputStream in) throws IOException {
        in.mark();
        try {
            return find(in);
        } catch (EOFException truncated) {
            return Orientation.NORMAL; // the decoder reports a truncated file; its orientation does not matter then
        } finally {
            in.setByteOrder(ByteOrder.BIG_ENDIAN);
            in.reset();
        }
    }

    private static Orientation find(ImageInputStream in) throws IOException {
        in.setByteOrder(ByteOrder.BIG_ENDIAN);
        if (in.readUnsignedShort() != 0xFFD8) {
            return Orientation.NORMAL;
        }
        while (true) {
            if (in.readUnsignedByte() != 0xFF) {
                return Orientation.NORMAL;
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) { // fill bytes may stand before a marker
                marker = in.readUnsignedByte();
            }
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                return Orientation.NORMAL;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            int length = in.readUnsignedShort() - 2;
            long next = in.getStreamPosition() + length;
            if (marker == APP1 && length > 14 && in.readInt() == 0x45786966 && in.readUnsignedShort() == 0) { // "Exif\0\0"
                return fromTiff(in);
            }
            in.seek(next);
        }
    }

    /** Reads IFD0 of the TIFF structure the stream is at, in the byte order its header names. */
    private static Orientation fromTiff(ImageInputStream in) throws IOException {
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
        in.seek(tiffStart + in.readUnsignedInt());
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
