package dev.atelier.image;

import dev.atelier.cli.Main;

import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Test-only entry point for a child JVM: the real CLI, with ImageIO's PNG writer wrapped so that
 * every PNG file is written half, flushed to the temp file, and then stalls (printing {@link #STALLED}
 * on stdout) until a signal's clean-up has removed the temp file, at most {@link #STALL_MS}. A test
 * sends its signal exactly while the final PNG is being written; production code is unchanged (the
 * wrapper is registered only by this main, through ImageIO's own plug-in registry).
 */
public final class SlowPngWrites {
    /** Printed (own line, flushed) when the first half of a PNG is in its temp file. */
    public static final String STALLED = "png-write-stalled";
    static final long STALL_MS = 30_000;

    private SlowPngWrites() {
    }

    public static void main(String[] args) {
        install(() -> false);
        Main.main(args);
    }

    /**
     * Wraps ImageIO's PNG writer in this JVM: every PNG written to a file stalls half way (after
     * printing {@link #STALLED}) until its temp file is gone or {@code released} says so, at most
     * {@link #STALL_MS}. PNGs encoded in memory (thumbnails) do not stall.
     */
    public static void install(BooleanSupplier released) {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        Iterator<ImageWriterSpi> all = registry.getServiceProviders(ImageWriterSpi.class, true);
        while (all.hasNext()) {
            ImageWriterSpi spi = all.next();
            if (Arrays.stream(spi.getFormatNames()).anyMatch(n -> n.toLowerCase(Locale.ROOT).equals("png"))) {
                registry.deregisterServiceProvider(spi, ImageWriterSpi.class);
                registry.registerServiceProvider(new StallingSpi(spi, released), ImageWriterSpi.class);
                break;
            }
        }
    }

    /** The real PNG writer's provider, handing out stalling writers. */
    private static final class StallingSpi extends ImageWriterSpi {
        private final ImageWriterSpi real;
        private final BooleanSupplier released;

        StallingSpi(ImageWriterSpi real, BooleanSupplier released) {
            this.real = real;
            this.released = released;
            this.names = real.getFormatNames();
            this.suffixes = real.getFileSuffixes();
            this.MIMETypes = real.getMIMETypes();
            this.vendorName = "atelier tests";
            this.version = "1";
            this.outputTypes = real.getOutputTypes();
        }

        @Override
        public boolean canEncodeImage(ImageTypeSpecifier type) {
            return real.canEncodeImage(type);
        }

        @Override
        public ImageWriter createWriterInstance(Object extension) throws IOException {
            return new StallingWriter(this, real.createWriterInstance(extension), released);
        }

        @Override
        public String getDescription(Locale locale) {
            return "PNG writer that stalls half way (tests)";
        }
    }

    /** Encodes with the real writer, then writes half the bytes, stalls, and writes the rest. */
    private static final class StallingWriter extends ImageWriter {
        private final ImageWriter real;
        private final BooleanSupplier released;

        StallingWriter(ImageWriterSpi spi, ImageWriter real, BooleanSupplier released) {
            super(spi);
            this.real = real;
            this.released = released;
        }

        @Override
        public IIOMetadata getDefaultStreamMetadata(ImageWriteParam param) {
            return real.getDefaultStreamMetadata(param);
        }

        @Override
        public IIOMetadata getDefaultImageMetadata(ImageTypeSpecifier type, ImageWriteParam param) {
            return real.getDefaultImageMetadata(type, param);
        }

        @Override
        public IIOMetadata convertStreamMetadata(IIOMetadata in, ImageWriteParam param) {
            return real.convertStreamMetadata(in, param);
        }

        @Override
        public IIOMetadata convertImageMetadata(IIOMetadata in, ImageTypeSpecifier type, ImageWriteParam param) {
            return real.convertImageMetadata(in, type, param);
        }

        @Override
        public ImageWriteParam getDefaultWriteParam() {
            return real.getDefaultWriteParam();
        }

        @Override
        public void write(IIOMetadata stream, IIOImage image, ImageWriteParam param) throws IOException {
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream memory = new MemoryCacheImageOutputStream(encoded)) {
                real.setOutput(memory);
                real.write(stream, image, param);
            }
            byte[] png = encoded.toByteArray();
            ImageOutputStream out = (ImageOutputStream) getOutput();
            out.write(png, 0, png.length / 2);
            out.flush(); // the first half is in the temp file now
            Set<Path> temps = AtomicFiles.inFlight();
            if (!temps.isEmpty()) { // a file being written, not a thumbnail encoded in memory
                System.out.println(STALLED);
                System.out.flush();
            }
            long end = System.nanoTime() + STALL_MS * 1_000_000;
            while (System.nanoTime() < end && temps.stream().anyMatch(Files::exists) && !released.getAsBoolean()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            out.write(png, png.length / 2, png.length - png.length / 2);
        }

        @Override
        public void dispose() {
            real.dispose();
        }
    }
}
