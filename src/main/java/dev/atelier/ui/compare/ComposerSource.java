package dev.atelier.ui.compare;

import dev.atelier.job.JobSpec;

/**
 * The composer as the comparison workbench sees it: the base settings of a grid, a seed sweep or
 * an ablation. Called on the FX thread; both throw with the one-line reason when the composer's
 * controls cannot run (no model, a bad value).
 */
public interface ComposerSource {
    /** The run the controls describe now, rolling nothing (for checking axes while they are typed). */
    JobSpec current();

    /** The run Generate would start now (an unlocked seed is rolled and shown, as Generate does). */
    JobSpec next();
}
