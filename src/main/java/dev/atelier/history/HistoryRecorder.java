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
 * Records every finished job: runs the wrapped runner, commits the history row as
 * {@link HistoryStatus#PENDING}, saves the image into the data folder's {@code images/} (atomically),
 * then marks the row saved. No row without its file and no file without its row: when the image
 * cannot be written the job fails with that message and the row is dropped; when the row cannot be
 * marked the file is removed again; and a save cut short by a signal or a kill leaves a pending row
 * that {@link HistoryStore#repairPending} (at the next start) keeps or drops by its image.
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
        Path file = archive.reserve(when, result.settings().seed());
        HistoryRecord row;
        long id;
        try {
            row = record(job, result, file, when);
            // committed before the image, as pending: a signal or a kill from here on leaves a row
            // the next start repairs (kept when its image is in place, dropped when it is not)
            id = store.insert(row);
        } catch (IOException | RuntimeException e) {
            archive.release(file);
            throw e;
        }
        try {
            // labelled as AI-made like every image Atelier writes; the prompt stays out of the label (opt-in elsewhere)
            archive.write(file, result.image(), GeneratedImageTexts.of(ParametersText.text(result), job.spec().fields()),
                    ProvenanceLabel.atelier(ProvenanceLabel.ATELIER_VERSION, result.modelName(), when));
        } catch (IOException | RuntimeException e) {
            discard(id, e);
            throw e;
        }
        try {
            id = store.markSaved(id, row);
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            discard(id, e);
            throw e;
        }
        return new JobOutput(result, file, id);
    }

    /** Drops a pending row whose image did not make it; when that fails too, the next start drops it. */
    private void discard(long id, Exception cause) {
        try {
            store.discard(id);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
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
                HistoryStatus.PENDING, job.origin() instanceof JobOrigin.FromGrid cell ? cell.settingsHash() : "");
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
