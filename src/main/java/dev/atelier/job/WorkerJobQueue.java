package dev.atelier.job;

import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import dev.atelier.session.SessionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link JobQueue}: a list of pending jobs and worker threads that take the first one.
 * Queued and pending-cancelled events are sent under the queue's lock, so a listener sees a
 * job's Queued before its Started; the other events come from the worker running the job.
 */
public final class WorkerJobQueue implements JobQueue {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerJobQueue.class);

    private final JobRunner runner;
    private final JobQueueOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Job> pending = new ArrayList<>();
    private final Map<Long, Running> running = new LinkedHashMap<>();
    private final Map<Long, JobState> states = new HashMap<>();
    /** Step states per job, oldest job first; trimmed to the running jobs + options.keptTimelines. */
    private final LinkedHashMap<Long, List<StepState>> timelines = new LinkedHashMap<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    /** Opens models ahead of their jobs ({@link JobRunner#prepare}); one at a time, off the workers. */
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("atelier-job-prepare").unstarted(r));
    /** Models already handed to {@link #preparer}. */
    private final Set<SessionPool.Key> prepared = new HashSet<>();
    private long lastId;
    /** Jobs that ended but whose last event is still being delivered; awaitIdle waits for them too. */
    private int delivering;
    private boolean paused;
    private boolean closed;

    private record Running(Job job, CancelFlag cancel) {
    }

    public WorkerJobQueue(JobRunner runner) {
        this(runner, JobQueueOptions.DEFAULT);
    }

    public WorkerJobQueue(JobRunner runner, JobQueueOptions options) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.options = Objects.requireNonNull(options, "options");
        for (int i = 0; i < options.workers(); i++) {
            Thread t = Thread.ofPlatform().daemon().name("atelier-job-" + (i + 1)).unstarted(this::work);
            workers.add(t);
            t.start();
        }
    }

    @Override
    public Job enqueue(JobSpec spec) {
        Objects.requireNonNull(spec, "spec");
        lock.lock();
        try {
            checkOpen();
            Job job = new Job(++lastId, spec);
            add(job);
            return job;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Job> enqueueBatch(JobSpec base, int count) {
        Objects.requireNonNull(base, "base");
        lock.lock();
        try {
            checkOpen();
            long batchId = lastId + 1; // the first job's id names the batch
            List<JobSpec> specs = Batches.expand(base, count, batchId);
            List<Job> jobs = new ArrayList<>(count);
            for (JobSpec s : specs) {
                Job job = new Job(++lastId, s);
                add(job);
                jobs.add(job);
            }
            return jobs;
        } finally {
            lock.unlock();
        }
    }

    private void add(Job job) {
        pending.add(job);
        states.put(job.id(), JobState.PENDING);
        emit(new JobEvent.Queued(job, pending.size() - 1));
        changed.signalAll();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("job queue is closed");
        }
    }

    @Override
    public boolean cancel(long jobId) {
        lock.lock();
        try {
            int i = indexOf(jobId);
            if (i >= 0) {
                cancelPendingAt(i);
                return true;
            }
            Running r = running.get(jobId);
            if (r != null) {
                r.cancel().cancel();
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void cancelPendingAt(int i) {
        Job job = pending.remove(i);
        states.put(job.id(), JobState.CANCELLED);
        emit(new JobEvent.Cancelled(job, false));
        changed.signalAll();
    }

    @Override
    public int cancelPending() {
        lock.lock();
        try {
            int n = pending.size();
            while (!pending.isEmpty()) {
                cancelPendingAt(0);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int cancelRunning() {
        lock.lock();
        try {
            running.values().forEach(r -> r.cancel().cancel());
            return running.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean moveUp(long jobId) {
        return move(jobId, -1);
    }

    @Override
    public boolean moveDown(long jobId) {
        return move(jobId, +1);
    }

    private boolean move(long jobId, int delta) {
        lock.lock();
        try {
            int i = indexOf(jobId);
            int to = i + delta;
            if (i < 0 || to < 0 || to >= pending.size()) {
                return false;
            }
            Collections.swap(pending, i, to);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean moveToFront(long jobId) {
        lock.lock();
        try {
            int i = indexOf(jobId);
            if (i < 0) {
                return false;
            }
            pending.addFirst(pending.remove(i));
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int indexOf(long jobId) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).id() == jobId) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Job> pending() {
        lock.lock();
        try {
            return List.copyOf(pending);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Job> running() {
        lock.lock();
        try {
            return running.values().stream().map(Running::job).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<JobState> state(long jobId) {
        lock.lock();
        try {
            return Optional.ofNullable(states.get(jobId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StepState> steps(long jobId) {
        lock.lock();
        try {
            List<StepState> s = timelines.get(jobId);
            return s == null ? List.of() : List.copyOf(s);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AutoCloseable addListener(JobListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!pending.isEmpty() || !running.isEmpty() || delivering > 0) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            Running r;
            lock.lock();
            try {
                while (!closed && (paused || pending.isEmpty())) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                Job job = pending.removeFirst();
                prepareNextModel(job);
                r = new Running(job, new CancelFlag());
                running.put(job.id(), r);
                states.put(job.id(), JobState.RUNNING);
                timelines.put(job.id(), new ArrayList<>());
                trimTimelines();
            } finally {
                lock.unlock();
            }
            try {
                run(r);
            } catch (RuntimeException | Error e) {
                abandon(r, e);
            }
        }
    }

    /**
     * The worker survives whatever a job's bookkeeping throws (logging that fails because the jar was
     * replaced under a running process, say): the job ends failed instead of staying "running" for
     * ever, so {@link #awaitIdle} still returns and later jobs still run.
     */
    private void abandon(Running r, Throwable e) {
        boolean ended;
        lock.lock();
        try {
            ended = !running.containsKey(r.job().id());
        } finally {
            lock.unlock();
        }
        if (!ended) {
            end(r.job(), JobState.FAILED, new JobEvent.Failed(r.job(), message(e), e));
        }
    }

    /**
     * While {@code starting} runs, lets the runner open the model of the first pending job on
     * another model (a grid's next model), so that job does not start by loading it. Under the lock.
     */
    private void prepareNextModel(Job starting) {
        for (Job next : pending) {
            if (!next.modelDir().equals(starting.modelDir()) || next.device() != starting.device()) {
                if (prepared.add(new SessionPool.Key(next.modelDir(), next.device()))) {
                    preparer.execute(() -> runner.prepare(next));
                }
                return;
            }
        }
    }

    private void run(Running r) {
        Job job = r.job();
        emit(new JobEvent.Started(job));
        JobEvent last;
        JobState state;
        try {
            JobOutput out = runner.run(job, stepListener(job.id()), r.cancel());
            last = new JobEvent.Finished(job, out);
            state = JobState.FINISHED;
        } catch (GenerationCancelledException e) {
            last = new JobEvent.Cancelled(job, true);
            state = JobState.CANCELLED;
        } catch (Exception | Error e) {
            last = new JobEvent.Failed(job, message(e), e);
            state = JobState.FAILED;
            if (e instanceof Error && !(e instanceof OutOfMemoryError)) {
                LOG.error("job {} failed with an error", job.id(), e);
            }
            LOG.debug("job {} failed", job.id(), e);
        }
        end(job, state, last);
    }

    /** Records how {@code job} ended and delivers its last event; {@link #awaitIdle} waits for the delivery. */
    private void end(Job job, JobState state, JobEvent last) {
        lock.lock();
        try {
            running.remove(job.id());
            states.put(job.id(), state);
            delivering++;
        } finally {
            lock.unlock();
        }
        try {
            emit(last);
        } finally {
            lock.lock();
            try {
                delivering--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private StepListener stepListener(long jobId) {
        boolean previews = options.previews();
        return new StepListener() {
            @Override
            public void onStep(StepState state) {
                lock.lock();
                try {
                    List<StepState> t = timelines.get(jobId);
                    if (t != null) {
                        t.add(state);
                    }
                } finally {
                    lock.unlock();
                }
                emit(new JobEvent.Step(jobId, state));
            }

            @Override
            public boolean wantsPreview() {
                return previews;
            }
        };
    }

    private void trimTimelines() {
        int excess = timelines.size() - running.size() - options.keptTimelines();
        var it = timelines.keySet().iterator();
        while (excess > 0 && it.hasNext()) {
            if (!running.containsKey(it.next())) {
                it.remove();
                excess--;
            }
        }
    }

    /** One line for the user: the exception's message, or its type when it has none. */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private void emit(JobEvent event) {
        for (JobListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException | Error e) {
                // a listener's failure, Error included, must not end the worker (every later job would hang)
                LOG.warn("job listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            while (!pending.isEmpty()) {
                cancelPendingAt(0);
            }
            running.values().forEach(r -> r.cancel().cancel());
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        preparer.shutdownNow();
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
