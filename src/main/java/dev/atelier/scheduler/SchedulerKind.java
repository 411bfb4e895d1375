package dev.atelier.scheduler;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The samplers Atelier offers, with their CLI names and the diffusers classes they port. */
public enum SchedulerKind {
    DDIM("ddim", "DDIMScheduler"),
    EULER("euler", "EulerDiscreteScheduler"),
    EULER_ANCESTRAL("euler-a", "EulerAncestralDiscreteScheduler"),
    DPMPP_2M("dpmpp-2m", "DPMSolverMultistepScheduler"),
    DPMPP_2M_KARRAS("dpmpp-2m-karras", "DPMSolverMultistepScheduler"),
    PNDM("pndm", "PNDMScheduler"),
    LCM("lcm", "LCMScheduler");

    private final String cliName;
    private final String diffusersClass;

    SchedulerKind(String cliName, String diffusersClass) {
        this.cliName = cliName;
        this.diffusersClass = diffusersClass;
    }

    public String cliName() {
        return cliName;
    }

    /** The diffusers class this kind ports (both DPM++ 2M kinds are DPMSolverMultistepScheduler). */
    public String diffusersClass() {
        return diffusersClass;
    }

    /** Parses a CLI name such as {@code euler-a} (case-insensitive, {@code _} accepted for {@code -}). */
    public static SchedulerKind fromCliName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (SchedulerKind k : values()) {
                if (k.cliName.equals(wanted)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("Unknown scheduler \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(SchedulerKind::cliName).collect(Collectors.joining(", ")) + ".");
    }

    /**
     * Maps a diffusers {@code _class_name} to a kind; empty for classes Atelier does not port
     * (e.g. {@code LMSDiscreteScheduler}) so the caller can warn and pick {@link #fallback()}.
     * {@code DPMSolverMultistepScheduler} maps to {@link #DPMPP_2M}; use
     * {@link #fromDiffusersConfig(Map)} to honour its {@code use_karras_sigmas}.
     */
    public static Optional<SchedulerKind> fromDiffusersClass(String className) {
        if (className == null) {
            return Optional.empty();
        }
        String wanted = className.trim();
        return Arrays.stream(values()).filter(k -> k.diffusersClass.equals(wanted)).findFirst();
    }

    /** Like {@link #fromDiffusersClass} on the config's {@code _class_name}, picking the Karras DPM++ kind when set. */
    public static Optional<SchedulerKind> fromDiffusersConfig(Map<String, Object> json) {
        Object cls = json.get("_class_name");
        Optional<SchedulerKind> kind = fromDiffusersClass(cls instanceof String s ? s : null);
        if (kind.isPresent() && kind.get() == DPMPP_2M && Boolean.TRUE.equals(json.get("use_karras_sigmas"))) {
            return Optional.of(DPMPP_2M_KARRAS);
        }
        return kind;
    }

    /** The kind to use for an unported class: Euler, a safe first-order sampler for any epsilon/v model. */
    public static SchedulerKind fallback() {
        return EULER;
    }
}
