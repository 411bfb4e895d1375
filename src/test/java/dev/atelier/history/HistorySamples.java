package dev.atelier.history;

import dev.atelier.image.PixelImage;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFamily;
import dev.atelier.onnx.ProviderChoice;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.Stage;
import dev.atelier.pipeline.Timings;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Rows and results for history tests: real values, no generation behind them. */
final class HistorySamples {
    private HistorySamples() {
    }

    /** A row for {@code prompt} whose image file {@code image} is written (a few bytes) unless null. */
    static HistoryRecord row(String prompt, String model, Instant when, Path image) throws IOException {
        return row(prompt, model, when, image, new byte[]{9, 8, 7});
    }

    /** The same with {@code thumbnail} as the stored thumbnail. */
    static HistoryRecord row(String prompt, String model, Instant when, Path image, byte[] thumbnail) throws IOException {
        if (image != null) {
            Files.createDirectories(image.getParent());
            Files.write(image, new byte[]{1, 2, 3});
        }
        return new HistoryRecord(0, when, model, "/models/" + model, "SD 1.5", "0123456789abcdef", prompt,
                "blurry", Map.of("subject", prompt, "style", "flat"), 42, 20, 7.5, "euler", "leading", "original",
                64, 64, "CPU", "CPU", 123.5, "{\"total_ms\":123.5}", image == null ? Path.of("/nowhere.png") : image,
                thumbnail, false, "single", 0, HistoryStatus.OK);
    }

    /** A finished generation of a 16×16 gradient. */
    static GenerationResult result(long seed) {
        byte[] rgb = new byte[16 * 16 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 7);
        }
        GenerationRequest settings = GenerationRequest.of("a red circle").withSeed(seed).withSize(16, 16)
                .withScheduler(SchedulerKind.EULER).withTimestepSpacing(TimestepSpacing.LEADING);
        Timings timings = new Timings(5_000_000, Map.of(Stage.values()[0], 1_000_000L), Map.of(Stage.values()[0], 500_000L), 3_000_000,
                new long[]{1_000_000}, new long[]{900_000}, 0, 0);
        return new GenerationResult(new PixelImage(16, 16, rgb), settings, "tiny-shapes", ModelFamily.values()[0],
                new ProviderChoice(Device.CPU, Device.CPU, null), timings, java.util.List.of());
    }
}
