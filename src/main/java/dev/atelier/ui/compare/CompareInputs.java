package dev.atelier.ui.compare;

import dev.atelier.compare.CellSettings;
import dev.atelier.compare.PromptPart;
import dev.atelier.compare.StructuredPrompt;
import dev.atelier.history.HistoryRecord;
import dev.atelier.job.JobSpec;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;

import java.util.Map;
import java.util.Optional;

/** Turns what the window holds (a composer run, a history row) into the core's {@link CellSettings}. */
final class CompareInputs {
    /** The key the composer uses for a prompt edited as text (then the fields are not what was sent). */
    private static final String EDITED = "edited";

    private CompareInputs() {
    }

    /** A composer run as a grid's base settings: its structured fields, or the edited text as free text. */
    static CellSettings of(JobSpec run) {
        StructuredPrompt prompt = prompt(run.fields(), run.request().prompt(), run.request().negativePrompt());
        return new CellSettings(run.modelDir().toString(), run.request(), prompt);
    }

    /** A stored generation's settings (the A/B view's side): its fields when it has them, else its prompt as free text. */
    static CellSettings of(HistoryRecord row) {
        SchedulerKind scheduler;
        try {
            scheduler = row.scheduler() == null ? null : SchedulerKind.fromCliName(row.scheduler());
        } catch (IllegalArgumentException e) {
            scheduler = null; // a scheduler this build does not know: shown as the default
        }
        GenerationRequest request = new GenerationRequest(row.prompt(), row.negative(), row.seed(), row.steps(),
                row.guidance(), scheduler, null, row.width(), row.height(), Emphasis.ORIGINAL);
        return new CellSettings(row.modelDir(), request, prompt(row.fields(), row.prompt(), row.negative()));
    }

    /** Fields by name (the composer's lower-case names or the grid's part names); plain text when there are none. */
    private static StructuredPrompt prompt(Map<String, String> fields, String prompt, String negative) {
        if (fields.isEmpty() || fields.containsKey(EDITED)) {
            return StructuredPrompt.plain(prompt, negative);
        }
        StructuredPrompt out = StructuredPrompt.empty();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Optional<PromptPart> part = PromptPart.fromName(f.getKey());
            if (part.isPresent()) {
                out = out.with(part.get(), f.getValue());
            }
        }
        return out;
    }
}
