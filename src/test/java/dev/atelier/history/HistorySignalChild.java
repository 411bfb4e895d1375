package dev.atelier.history;

import dev.atelier.data.DataFolder;
import dev.atelier.image.SlowPngWrites;
import dev.atelier.job.Job;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.StepListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM of {@link HistorySignalTest}: records one generation (a fixed image, no ORT) into
 * the history of {@code args[0]} as the window does (its queue worker, no shutdown hook that waits
 * for it), with the image's PNG write stalled half way until a line arrives on stdin (see
 * {@link SlowPngWrites}). Prints {@code recorded ID} when done.
 */
public final class HistorySignalChild {
    private HistorySignalChild() {
    }

    public static void main(String[] args) throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                in.readLine();
            } catch (IOException e) {
                // the parent went away: release the write all the same
            }
            released.set(true);
        }, "release-on-stdin");
        stdin.setDaemon(true);
        stdin.start();
        SlowPngWrites.install(released::get);
        DataFolder data = new DataFolder(Path.of(args[0]));
        try (HistoryStore store = HistoryStore.open(data, System.err::println)) {
            store.startupChecks().join();
            HistoryRecorder recorder = new HistoryRecorder(
                    (job, steps, cancel) -> JobOutput.unsaved(HistorySamples.result(job.request().seed())), store, data);
            Job job = new Job(1, JobSpec.of(HistorySamples.result(7).settings().withPrompt("signal test"),
                    Path.of(args[1]), Device.CPU));
            JobOutput out = recorder.run(job, StepListener.NONE, new CancelFlag());
            System.out.println("recorded " + out.historyId());
            System.out.flush();
        }
    }
}
