package dev.atelier.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A1111 prompt editing ({@code [from:to:when]}, {@code [to:when]}, {@code [from::when]}) and
 * alternation ({@code [a|b]}), as {@code prompt_parser.get_learned_conditioning_prompt_schedules}
 * resolves them for a number of steps (no hires pass, current scheduling rules). Every other
 * character, emphasis brackets included, is kept for {@link PromptParser}. A prompt the grammar
 * rejects is used verbatim for all steps, as in A1111.
 */
public record PromptSchedule(List<ScheduledPrompt> entries) {
    public PromptSchedule {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("a prompt schedule needs at least one entry");
        }
        entries = List.copyOf(entries);
    }

    public static PromptSchedule of(String prompt, int steps) {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt must not be null");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        List<ScheduleNode> tree = ScheduleGrammar.parse(prompt);
        if (tree == null) {
            return new PromptSchedule(List.of(new ScheduledPrompt(steps, prompt)));
        }
        TreeSet<Integer> ends = new TreeSet<>();
        ends.add(steps);
        tree.forEach(n -> n.collectSteps(steps, ends));
        List<ScheduledPrompt> out = new ArrayList<>(ends.size());
        for (int end : ends) {
            StringBuilder text = new StringBuilder();
            tree.forEach(n -> n.render(end, steps, text));
            out.add(new ScheduledPrompt(end, text.toString()));
        }
        return new PromptSchedule(out);
    }

    /**
     * The text for sampler step {@code stepIndex}, counted from 0 as A1111's CFG denoiser does: the
     * first entry with {@code stepIndex <= endStep} (A1111 {@code reconstruct_cond_batch}).
     */
    public String textAt(int stepIndex) {
        for (ScheduledPrompt e : entries) {
            if (stepIndex <= e.endStep()) {
                return e.text();
            }
        }
        return entries.getLast().text();
    }

    /** True when the prompt changes during sampling, so more than one conditioning is needed. */
    public boolean isScheduled() {
        return entries.stream().map(ScheduledPrompt::text).distinct().count() > 1;
    }
}
