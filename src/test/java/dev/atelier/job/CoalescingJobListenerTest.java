package dev.atelier.job;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.StepState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoalescingJobListenerTest {
    private static StepState step(int i) {
        return new StepState(i, 10, 0, new float[]{i}, new float[]{i}, 1, 1, 1, null, 0);
    }

    @Test
    void aSlowObserverSeesTheLatestStepAndEveryOtherEvent() {
        List<Runnable> tasks = new ArrayList<>(); // the observer's thread, run by hand: it is "behind"
        List<JobEvent> seen = new ArrayList<>();
        CoalescingJobListener listener = new CoalescingJobListener(seen::add, tasks::add);
        Job job = new Job(1, JobSpec.of(GenerationRequest.of("x"), Path.of("m"), Device.CPU));
        listener.onEvent(new JobEvent.Started(job));
        for (int i = 0; i < 5; i++) {
            listener.onEvent(new JobEvent.Step(1, step(i)));
        }
        listener.onEvent(new JobEvent.Cancelled(job, true));
        assertEquals(1, tasks.size(), "one drain scheduled");
        tasks.removeFirst().run();
        assertEquals(List.of(new JobEvent.Started(job), new JobEvent.Step(1, seenStep(seen)), new JobEvent.Cancelled(job, true)), seen);
        assertEquals(4, ((JobEvent.Step) seen.get(1)).state().index(), "latest wins");
        listener.onEvent(new JobEvent.Step(1, step(5)));
        assertEquals(1, tasks.size(), "a new drain once the last one finished");
    }

    private static StepState seenStep(List<JobEvent> seen) {
        return ((JobEvent.Step) seen.get(1)).state();
    }
}
