package io.github.parmap.engine.builtin.image;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * The decoders and encoders {@code resize-image} uses: the JDK's own, plus the TwelveMonkeys readers (CMYK
 * and YCCK JPEG, WebP) that ship with parmap.
 *
 * <p>ImageIO's global registry finds plugins through the context class loader, which inside Maven is not the
 * plugin's, so it would silently fall back to the JDK's JPEG reader (which reads CMYK with wrong colours). The
 * readers are therefore loaded from this class's own loader into a registry of our own; that also keeps them
 * out of the JVM-wide registry, which would otherwise hold on to the plugin's class loader after the build.
 * Writers are always the JDK's, so that the same input gives the same bytes wherever it runs.
 */
public final class ImageCodecs {
    private static final ServiceRegistry READERS = readerRegistry();

    private ImageCodecs() {}

    private static ServiceRegistry readerRegistry() {
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        // The JDK's first: TwelveMonkeys' JPEG reader wraps the JDK's and looks for it when it is registered.
        jdkProviders(ImageReaderSpi.class).forEach(registry::registerServiceProvider);
        ServiceLoader.load(ImageReaderSpi.class, ImageCodecs.class.getClassLoader()).forEach(registry::registerServiceProvider);
        return registry;
    }

    private static <T> List<T> jdkProviders(Class<T> category) {
        List<T> providers = new ArrayList<>();
        Iterator<T> all = IIORegistry.getDefaultInstance().getServiceProviders(category, false);
        all.forEachRemaining(provider -> {
            if (isJdks(provider)) {
                providers.add(provider);
            }
        });
        return providers;
    }

    /**
     * @param in               the image's bytes, positioned at their start (and left there)
     * @param needsPluginFirst whether the plugins' readers are to be asked before the JDK's: for CMYK and
     *                         YCCK JPEGs, which the JDK's reader refuses or shows in wrong colours. Otherwise
     *                         the JDK's readers go first: TwelveMonkeys' JPEG reader wraps the JDK's and adds
     *                         segment parsing in Java, which costs a fresh JVM about a quarter more time
     * @return a reader for them; null if none can read them
     */
    public static ImageReader readerFor(ImageInputStream in, boolean needsPluginFirst) throws IOException {
        List<ImageReaderSpi> order = new ArrayList<>();
        READERS.getServiceProviders(ImageReaderSpi.class, true).forEachRemaining(order::add);
        if (!needsPluginFirst) {
            order.sort(Comparator.comparing(provider -> !isJdks(provider))); // a stable sort keeps the rest in order
        }
        for (ImageReaderSpi provider : order) {
            if (canDecode(provider, in)) {
                return provider.createReaderInstance();
            }
        }
        return null;
    }

    private static boolean isJdks(Object provider) {
        return provider.getClass().getModule() == ImageReader.class.getModule();
    }

    private static boolean canDecode(ImageReaderSpi provider, ImageInputStream in) throws IOException {
        in.mark();
        try {
            return provider.canDecodeInput(in);
        } catch (EOFException tooShort) {
            return false; // shorter than this format's signature
        } finally {
            in.reset();
        }
    }

    /** @return the JDK's writer of a format ImageIO always has, such as {@code png} or {@code jpeg} */
    public static ImageWriter writerFor(String formatName) throws IOException {
        for (ImageWriterSpi provider : jdkProviders(ImageWriterSpi.class)) {
            for (String name : provider.getFormatNames()) {
                if (name.equalsIgnoreCase(formatName)) {
                    return provider.createWriterInstance();
                }
            }
        }
        throw new IllegalStateException("this Java runtime has no " + formatName + " writer");
    }
}
