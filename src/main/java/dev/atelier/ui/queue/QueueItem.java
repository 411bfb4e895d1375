package dev.atelier.ui.queue;

import dev.atelier.job.Job;
import dev.atelier.job.JobState;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Objects;

/** One row of the queue panel: a job the window enqueued, its state and progress (changed on the FX thread). */
public final class QueueItem {
    private final Job job;
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>(this, "state", JobState.PENDING);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty note = new SimpleStringProperty(this, "note", "");

    public QueueItem(Job job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    public Job job() {
        return job;
    }

    public long id() {
        return job.id();
    }

    public ObjectProperty<JobState> stateProperty() {
        return state;
    }

    /** 0..1 of the steps done. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Why it ended when it did not finish, e.g. the failure's message. */
    public StringProperty noteProperty() {
        return note;
    }

    /** "#3 · batch 2/4 · seed 42 · 20 steps · a red star…" (the row's tooltip) */
    public String title() {
        return "#" + job.id() + " · " + details() + " · " + prompt();
    }

    /** The row's first line, what tells jobs apart at a glance: "#3 · a red star…" */
    public String headline() {
        return "#" + job.id() + " · " + prompt();
    }

    /** The row's second line: "batch 2/4 · seed 42 · 20 steps"; a single run says only "seed 42 · 20 steps". */
    public String details() {
        String seed = "seed " + job.request().seed() + " · " + job.request().steps() + " steps";
        return job.origin() instanceof dev.atelier.job.JobOrigin.Single ? seed : job.origin().label() + " · " + seed;
    }

    private String prompt() {
        String prompt = job.request().prompt().strip().replaceAll("\\s+", " ");
        if (prompt.isEmpty()) {
            return "(empty prompt)";
        }
        return prompt.length() > 60 ? prompt.substring(0, 59) + "…" : prompt;
    }
}
