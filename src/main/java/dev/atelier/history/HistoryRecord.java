package dev.atelier.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finished generation as the history keeps it.
 *
 * @param id              row id (0 before it is inserted)
 * @param createdAt       when it finished
 * @param modelName       the model folder's name
 * @param modelDir        the model folder
 * @param family          the model family's label
 * @param fingerprint     {@link ModelFingerprint} of the folder
 * @param prompt          the prompt as run
 * @param negative        the negative prompt; {@code null} = absent
 * @param fields          the composer's structured fields (name → text); empty when typed directly
 * @param seed            seed
 * @param steps           steps
 * @param guidance        CFG scale
 * @param scheduler       scheduler (CLI name)
 * @param timestepSpacing timestep spacing (config name)
 * @param emphasis        emphasis mode
 * @param width           pixels
 * @param height          pixels
 * @param device          requested device
 * @param provider        the execution provider that ran
 * @param totalMillis     wall time of the generation
 * @param timingsJson     every timing (load, ORT, stages, steps) as JSON
 * @param imageFile       the saved PNG
 * @param thumbnail       a small PNG (≤ {@link HistoryRecorder#THUMBNAIL_SIDE} px)
 * @param favourite       starred by the user
 * @param origin          single / batch k/n / grid cell label
 * @param originGroup     batch or grid id (0 for single runs)
 * @param status          whether the file is in place
 * @param settingsHash    a grid cell's settings hash (compare.CellSettings#hash), "" for other runs
 */
public record HistoryRecord(long id, Instant createdAt, String modelName, String modelDir, String family,
                            String fingerprint, String prompt, String negative, Map<String, String> fields,
                            long seed, int steps, double guidance, String scheduler, String timestepSpacing,
                            String emphasis, int width, int height, String device, String provider,
                            double totalMillis, String timingsJson, Path imageFile, byte[] thumbnail,
                            boolean favourite, String origin, long originGroup, HistoryStatus status,
                            String settingsHash) {
    public HistoryRecord {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(imageFile, "imageFile");
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        thumbnail = thumbnail == null ? new byte[0] : thumbnail;
        origin = origin == null ? "single" : origin;
        status = status == null ? HistoryStatus.OK : status;
        settingsHash = settingsHash == null ? "" : settingsHash;
    }

    /** A row that is no grid cell (no settings hash). */
    public HistoryRecord(long id, Instant createdAt, String modelName, String modelDir, String family,
                         String fingerprint, String prompt, String negative, Map<String, String> fields,
                         long seed, int steps, double guidance, String scheduler, String timestepSpacing,
                         String emphasis, int width, int height, String device, String provider,
                         double totalMillis, String timingsJson, Path imageFile, byte[] thumbnail,
                         boolean favourite, String origin, long originGroup, HistoryStatus status) {
        this(id, createdAt, modelName, modelDir, family, fingerprint, prompt, negative, fields, seed, steps, guidance,
                scheduler, timestepSpacing, emphasis, width, height, device, provider, totalMillis, timingsJson,
                imageFile, thumbnail, favourite, origin, originGroup, status, "");
    }

    public HistoryRecord withId(long value) {
        return new HistoryRecord(value, createdAt, modelName, modelDir, family, fingerprint, prompt, negative, fields,
                seed, steps, guidance, scheduler, timestepSpacing, emphasis, width, height, device, provider,
                totalMillis, timingsJson, imageFile, thumbnail, favourite, origin, originGroup, status, settingsHash);
    }

    public HistoryRecord withStatus(HistoryStatus value) {
        return new HistoryRecord(id, createdAt, modelName, modelDir, family, fingerprint, prompt, negative, fields,
                seed, steps, guidance, scheduler, timestepSpacing, emphasis, width, height, device, provider,
                totalMillis, timingsJson, imageFile, thumbnail, favourite, origin, originGroup, value, settingsHash);
    }

    /** The settings as plain values (no thumbnail), for JSON/CSV export and {@code history show}. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("created", createdAt.toString());
        m.put("model", modelName);
        m.put("model_dir", modelDir);
        m.put("family", family);
        m.put("fingerprint", fingerprint);
        m.put("prompt", prompt);
        m.put("negative_prompt", negative);
        m.put("fields", fields);
        m.put("seed", seed);
        m.put("steps", steps);
        m.put("guidance", guidance);
        m.put("scheduler", scheduler);
        m.put("timestep_spacing", timestepSpacing);
        m.put("emphasis", emphasis);
        m.put("width", width);
        m.put("height", height);
        m.put("device", device);
        m.put("provider", provider);
        m.put("total_ms", totalMillis);
        m.put("image", imageFile.toString());
        m.put("favourite", favourite);
        m.put("origin", origin);
        m.put("origin_group", originGroup);
        m.put("status", status.dbName());
        if (!settingsHash.isEmpty()) {
            m.put("settings_hash", settingsHash);
        }
        return m;
    }
}
