package dev.atelier.history;

import dev.atelier.data.DataFolder;
import dev.atelier.job.Job;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.StepListener;

import java.nio.file.Path;

/**
 * The child JVM of {@link HistoryCrashTest}: records generations (a fixed image, no ORT) into the
 * history of {@code args[0]} as fast as it can, printing each id, until it is killed.
 */
public final class HistoryWriterChild {
    private HistoryWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        DataFolder data = new DataFolder(Path.of(args[0]));
        try (HistoryStore store = HistoryStore.open(data, System.err::println)) {
            HistoryRecorder recorder = new HistoryRecorder(
                    (job, steps, cancel) -> JobOutput.unsaved(HistorySamples.result(job.request().seed())), store, data);
            for (long seed = 1; ; seed++) {
                Job job = new Job(seed, JobSpec.of(HistorySamples.result(seed).settings().withPrompt("crash test " + seed),
                        Path.of(args[1]), Device.CPU));
                JobOutput out = recorder.run(job, StepListener.NONE, new CancelFlag());
                System.out.println("recorded " + out.historyId());
                System.out.flush();
            }
        }
    }
}
