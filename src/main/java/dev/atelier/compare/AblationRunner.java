package dev.atelier.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.image.AtomicFiles;
import dev.atelier.image.PixelDifference;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenancePolicy;
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
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs an {@link AblationPlan} on a {@link JobQueue} (the full prompt first, then one job per
 * left-out field, all on one model so the pipeline is shared) and writes the images and the
 * numbers: {@code full.png}, {@code without-FIELD.png} and {@value #NUMBERS_FILE}, fields sorted by
 * how much leaving them out changed the image (mean absolute difference, 0-255). {@link #cancel}
 * stops the images not made yet; those made are still written and ranked. One run per runner.
 */
public final class AblationRunner {
    /**
     * What an ablation produced.
     *
     * @param ran    the plan reduced to the variants that were made
     * @param ranked their effects, largest first
     * @param notRun the fields whose variant was cancelled, in field order
     */
    public record Outcome(AblationPlan ran, List<AblationPlan.FieldEffect> ranked, List<PromptPart> notRun) {
        public Outcome {
            ranked = List.copyOf(ranked);
            notRun = List.copyOf(notRun);
        }

        public boolean complete() {
            return notRun.isEmpty();
        }
    }

    public static final String NUMBERS_FILE = "ablation.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final JobQueue queue;
    private final Device device;
    /** The run's jobs, so {@link #cancel} (another thread) reaches them. */
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public AblationRunner(JobQueue queue, Device device) {
        this.queue = queue;
        this.device = device;
    }

    /**
     * Cancels the images of the run not made yet (pending or running); those already made are kept,
     * written and ranked when the run ends. Any thread; before the run starts, the run makes nothing.
     */
    public void cancel() {
        cancelled = true;
        for (Job job : jobs) {
            queue.cancel(job.id());
        }
    }

    /** Whether {@link #cancel} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs every image and writes them into {@code dir}; {@code progress} gets one line per image.
     * A failed image throws with its message (nothing partial is written as the numbers); a
     * cancelled run writes and ranks the variants made, unless the full prompt's image is missing,
     * which throws (nothing to compare against).
     *
     * @param provenance the images' label policy ({@link ProvenancePolicy#none()}: no label)
     */
    public Outcome run(AblationPlan plan, Path dir, ProvenancePolicy provenance, Consumer<String> progress)
            throws IOException, InterruptedException {
        Objects.requireNonNull(provenance, "provenance");
        Files.createDirectories(dir);
        List<CellSettings> all = new ArrayList<>();
        all.add(plan.full());
        plan.variants().forEach(v -> all.add(v.settings()));
        Map<Long, GenerationResult> results = new ConcurrentHashMap<>();
        Map<Long, String> failures = new ConcurrentHashMap<>();
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
                if (cancelled) { // cancel came while the jobs were being queued
                    cancel();
                }
            }
            if (!queue.awaitIdle(Duration.ofDays(365))) {
                throw new IllegalStateException("the ablation did not finish");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<PromptPart> notRun = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            String why = failures.get(job.id());
            if (why != null) {
                throw new IllegalArgumentException(job.origin().label() + " failed: " + why);
            }
            if (!results.containsKey(job.id())) {
                if (i == 0) {
                    throw new IllegalStateException("the ablation was cancelled before the full prompt's image was made;"
                            + " nothing to compare against");
                }
                notRun.add(plan.variants().get(i - 1).leftOut());
            }
        }
        AblationPlan made = plan.only(plan.variants().stream().map(AblationPlan.AblationVariant::leftOut)
                .filter(p -> !notRun.contains(p)).toList());
        GenerationResult full = results.get(jobs.getFirst().id());
        writeImage(full, plan.full(), dir.resolve("full.png"), provenance);
        progress.accept("full prompt -> " + dir.resolve("full.png"));
        Map<PromptPart, Double> numbers = new EnumMap<>(PromptPart.class);
        Map<PromptPart, PixelDifference> differences = new EnumMap<>(PromptPart.class);
        for (int i = 0; i < plan.variants().size(); i++) {
            AblationPlan.AblationVariant v = plan.variants().get(i);
            GenerationResult r = results.get(jobs.get(i + 1).id());
            if (r == null) {
                progress.accept("without " + v.leftOut().axisName() + ": cancelled");
                continue;
            }
            Path file = dir.resolve(fileName(v.leftOut()));
            writeImage(r, v.settings(), file, provenance);
            PixelDifference d = PixelDifference.of(full.image(), r.image(), PixelDifference.DEFAULT_THRESHOLD);
            numbers.put(v.leftOut(), d.meanAbsoluteDifference());
            differences.put(v.leftOut(), d);
            progress.accept(String.format(java.util.Locale.ROOT, "without %s: mean difference %.2f -> %s",
                    v.leftOut().axisName(), d.meanAbsoluteDifference(), file));
        }
        List<AblationPlan.FieldEffect> ranked = made.rank(numbers);
        AtomicFiles.writeBytes(dir.resolve(NUMBERS_FILE), numbersJson(ranked, differences, notRun).getBytes(StandardCharsets.UTF_8));
        return new Outcome(made, ranked, notRun);
    }

    public static String fileName(PromptPart leftOut) {
        return "without-" + leftOut.axisName() + ".png";
    }

    private static void writeImage(GenerationResult r, CellSettings s, Path file, ProvenancePolicy provenance)
            throws IOException {
        PngFiles.write(r.image(), GridRunner.texts(r, s.prompt()),
                provenance.label(r.modelName(), r.settings().prompt()), file);
    }

    private static String numbersJson(List<AblationPlan.FieldEffect> ranked, Map<PromptPart, PixelDifference> differences,
                                      List<PromptPart> notRun) throws IOException {
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
        if (!notRun.isEmpty()) {
            ArrayNode cancelled = root.putArray("cancelled");
            notRun.forEach(p -> cancelled.add(p.axisName()));
        }
        return JSON.writeValueAsString(root);
    }
}
