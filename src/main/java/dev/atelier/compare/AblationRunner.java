package dev.atelier.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.image.AtomicFiles;
import dev.atelier.image.PixelDifference;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.job.Job;
import dev.atelier.job.JobEvent;
import dev.atelier.job.JobOrigin;
import dev.atelier.job.JobQueue;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs an {@link AblationPlan} on a {@link JobQueue} (the full prompt first, then one job per
 * left-out field, all on one model so the pipeline is shared) and writes the images and the
 * numbers: {@code full.png}, {@code without-FIELD.png} and {@value #NUMBERS_FILE}, fields sorted by
 * how much leaving them out changed the image (mean absolute difference, 0-255).
 */
public final class AblationRunner {
    public static final String NUMBERS_FILE = "ablation.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JobQueue queue;
    private final Device device;

    public AblationRunner(JobQueue queue, Device device) {
        this.queue = queue;
        this.device = device;
    }

    /**
     * Runs every image and writes them into {@code dir}; {@code progress} gets one line per image.
     * Returns the ranked field effects. A failed image throws with its message (nothing partial is
     * written as the numbers).
     */
    public List<AblationPlan.FieldEffect> run(AblationPlan plan, Path dir, Function<GenerationResult, ProvenanceLabel> label,
                                              Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<CellSettings> all = new ArrayList<>();
        all.add(plan.full());
        plan.variants().forEach(v -> all.add(v.settings()));
        Map<Long, GenerationResult> results = new ConcurrentHashMap<>();
        Map<Long, String> failures = new ConcurrentHashMap<>();
        List<Job> jobs = new ArrayList<>();
        try (AutoCloseable listening = queue.addListener(e -> {
            switch (e) {
                case JobEvent.Finished f -> results.put(f.jobId(), f.output().result());
                case JobEvent.Failed f -> failures.put(f.jobId(), f.message());
                default -> { }
            }
        })) {
            for (int i = 0; i < all.size(); i++) {
                CellSettings s = all.get(i);
                jobs.add(queue.enqueue(new JobSpec(s.request(), Path.of(s.model()), device,
                        new JobOrigin.FromGrid(0, i == 0 ? "full" : "without " + plan.variants().get(i - 1).leftOut().axisName()),
                        Map.of())));
            }
            if (!queue.awaitIdle(Duration.ofDays(365))) {
                throw new IllegalStateException("the ablation did not finish");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (Job job : jobs) {
            String why = failures.get(job.id());
            if (why != null) {
                throw new IllegalArgumentException(job.origin().label() + " failed: " + why);
            }
            if (!results.containsKey(job.id())) {
                throw new IllegalStateException(job.origin().label() + " was cancelled");
            }
        }
        GenerationResult full = results.get(jobs.getFirst().id());
        writeImage(full, plan.full(), dir.resolve("full.png"), label);
        progress.accept("full prompt -> " + dir.resolve("full.png"));
        Map<PromptPart, Double> numbers = new EnumMap<>(PromptPart.class);
        Map<PromptPart, PixelDifference> differences = new EnumMap<>(PromptPart.class);
        for (int i = 0; i < plan.variants().size(); i++) {
            AblationPlan.AblationVariant v = plan.variants().get(i);
            GenerationResult r = results.get(jobs.get(i + 1).id());
            Path file = dir.resolve(fileName(v.leftOut()));
            writeImage(r, v.settings(), file, label);
            PixelDifference d = PixelDifference.of(full.image(), r.image(), PixelDifference.DEFAULT_THRESHOLD);
            numbers.put(v.leftOut(), d.meanAbsoluteDifference());
            differences.put(v.leftOut(), d);
            progress.accept(String.format(java.util.Locale.ROOT, "without %s: mean difference %.2f -> %s",
                    v.leftOut().axisName(), d.meanAbsoluteDifference(), file));
        }
        List<AblationPlan.FieldEffect> ranked = plan.rank(numbers);
        AtomicFiles.writeBytes(dir.resolve(NUMBERS_FILE), numbersJson(ranked, differences).getBytes(StandardCharsets.UTF_8));
        return ranked;
    }

    public static String fileName(PromptPart leftOut) {
        return "without-" + leftOut.axisName() + ".png";
    }

    private static void writeImage(GenerationResult r, CellSettings s, Path file,
                                   Function<GenerationResult, ProvenanceLabel> label) throws IOException {
        PngFiles.write(r.image(), GridRunner.texts(r, s.prompt()), label == null ? null : label.apply(r), file);
    }

    private static String numbersJson(List<AblationPlan.FieldEffect> ranked, Map<PromptPart, PixelDifference> differences)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("full", "full.png");
        root.put("threshold", PixelDifference.DEFAULT_THRESHOLD);
        ArrayNode fields = root.putArray("fields");
        for (AblationPlan.FieldEffect e : ranked) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("field", e.field().axisName());
            row.put("meanAbsoluteDifference", e.difference());
            row.put("changedShare", differences.get(e.field()).changedShare());
            row.put("file", fileName(e.field()));
            fields.add(JSON.valueToTree(row));
        }
        return JSON.writeValueAsString(root);
    }
}
