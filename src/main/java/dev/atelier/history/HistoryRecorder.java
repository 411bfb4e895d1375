package dev.atelier.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.data.DataFolder;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.image.Thumbnails;
import dev.atelier.job.Job;
import dev.atelier.job.JobOrigin;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobRunner;
import dev.atelier.metadata.GeneratedImageTexts;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.ParametersText;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.Timings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Records every finished job: runs the wrapped runner, saves the image into the data folder's
 * {@code images/} (atomically), then commits the history row. No row without its file: when the
 * image cannot be written the job fails with that message; when the row cannot be committed the
 * file is removed again.
 */
public final class HistoryRecorder implements JobRunner {
    /** Longest side of a stored thumbnail, in pixels. */
    public static final int THUMBNAIL_SIDE = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobRunner generator;
    private final HistoryStore store;
    private final ImageArchive archive;
    private final Clock clock;
    private final Map<Path, String> fingerprints = new HashMap<>();

    public HistoryRecorder(JobRunner generator, HistoryStore store, DataFolder data) {
        this(generator, store, new ImageArchive(data.imagesDir(), Clock.systemDefaultZone().getZone()), Clock.systemUTC());
    }

    public HistoryRecorder(JobRunner generator, HistoryStore store, ImageArchive archive, Clock clock) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.store = Objects.requireNonNull(store, "store");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public JobOutput run(Job job, StepListener steps, CancelFlag cancel) throws Exception {
        JobOutput out = generator.run(job, steps, cancel);
        GenerationResult result = out.result();
        var when = clock.instant();
        // labelled as AI-made like every image Atelier writes; the prompt stays out of the label (opt-in elsewhere)
        Path file = archive.save(result.image(), GeneratedImageTexts.of(ParametersText.text(result), job.spec().fields()),
                ProvenanceLabel.atelier(ProvenanceLabel.ATELIER_VERSION, result.modelName(), when), when,
                result.settings().seed());
        try {
            HistoryRecord row = record(job, result, file, when);
            long id = store.insert(row);
            return new JobOutput(result, file, id);
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public void prepare(Job next) {
        generator.prepare(next);
    }

    private HistoryRecord record(Job job, GenerationResult result, Path file, java.time.Instant when) throws IOException {
        GenerationRequest s = result.settings();
        return new HistoryRecord(0, when, result.modelName(), job.modelDir().toAbsolutePath().normalize().toString(),
                result.family() == null ? "" : result.family().label(), fingerprint(job.modelDir()), s.prompt(),
                s.negativePrompt(), job.spec().fields(), s.seed(), s.steps(), s.guidance(), s.scheduler().cliName(),
                s.timestepSpacing().configName(), s.emphasis().name().toLowerCase(java.util.Locale.ROOT), s.width(),
                s.height(), job.device().name(), result.provider().used().name(),
                result.timings().totalNanos() / 1e6, timingsJson(result.timings()), file,
                Thumbnails.png(result.image(), THUMBNAIL_SIDE), false, job.origin().label(), job.origin().group(),
                HistoryStatus.OK, job.origin() instanceof JobOrigin.FromGrid cell ? cell.settingsHash() : "");
    }

    private synchronized String fingerprint(Path modelDir) {
        return fingerprints.computeIfAbsent(modelDir.toAbsolutePath().normalize(), ModelFingerprint::of);
    }

    static String timingsJson(Timings t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_ms", t.totalNanos() / 1e6);
        m.put("load_ms", t.loadNanos() / 1e6);
        m.put("ort_ms", t.ortNanos() / 1e6);
        m.put("preview_ms", t.previewNanos() / 1e6);
        Map<String, Double> stages = new LinkedHashMap<>();
        t.stageNanos().forEach((k, v) -> stages.put(k.name().toLowerCase(java.util.Locale.ROOT), v / 1e6));
        m.put("stages_ms", stages);
        m.put("steps_ms", Arrays.stream(t.stepNanos()).mapToDouble(n -> n / 1e6).toArray());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write timings JSON: " + e.getMessage(), e);
        }
    }
}
