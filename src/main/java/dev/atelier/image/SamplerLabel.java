package dev.atelier.image;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Atelier's scheduler CLI names and the A1111 (v1.10) {@code Sampler} / {@code Schedule type} labels
 * written into the {@code parameters} text. Plain strings on both sides so {@code image} does not
 * depend on {@code scheduler}.
 *
 * <p>Schedule labels follow A1111's meaning: "Automatic" is the sampler's own default schedule,
 * which for DPM++ 2M is Karras, so the plain (non-Karras) DPM++ 2M is written as "Uniform".
 */
public enum SamplerLabel {
    DDIM("ddim", "DDIM", "Automatic"),
    EULER("euler", "Euler", "Automatic"),
    EULER_ANCESTRAL("euler-a", "Euler a", "Automatic"),
    DPMPP_2M("dpmpp-2m", "DPM++ 2M", "Uniform"),
    DPMPP_2M_KARRAS("dpmpp-2m-karras", "DPM++ 2M", "Karras"),
    /** diffusers' PNDM runs PLMS steps (skip_prk_steps), A1111's PLMS sampler. */
    PNDM("pndm", "PLMS", "Automatic"),
    LCM("lcm", "LCM", "Automatic");

    private final String cliName;
    private final String sampler;
    private final String scheduleType;

    SamplerLabel(String cliName, String sampler, String scheduleType) {
        this.cliName = cliName;
        this.sampler = sampler;
        this.scheduleType = scheduleType;
    }

    /** Atelier's scheduler name, e.g. {@code dpmpp-2m-karras}. */
    public String cliName() {
        return cliName;
    }

    /** A1111's {@code Sampler} label, e.g. {@code DPM++ 2M}. */
    public String sampler() {
        return sampler;
    }

    /** A1111's {@code Schedule type} label, e.g. {@code Karras}. */
    public String scheduleType() {
        return scheduleType;
    }

    /** The labels for a CLI name ({@code ddim}, {@code euler}, {@code euler-a}, …), case-insensitive. */
    public static Optional<SamplerLabel> fromCliName(String cliName) {
        Objects.requireNonNull(cliName, "cliName");
        for (SamplerLabel label : values()) {
            if (label.cliName.equalsIgnoreCase(cliName.strip())) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    /**
     * The nearest supported scheduler for A1111 labels as found in a PNG: current labels
     * ({@code DPM++ 2M} + {@code Karras}), pre-1.8 fused names without a schedule type
     * ({@code DPM++ 2M Karras}), k-diffusion aliases ({@code k_euler_a}) and ComfyUI/Fooocus ids
     * ({@code euler_ancestral}, {@code dpmpp_2m}). Empty for samplers Atelier does not have.
     *
     * @param scheduleType {@code null} when the text has no {@code Schedule type} (pre-1.8); then
     *                     plain {@code DPM++ 2M} means the non-Karras sampler, whereas
     *                     {@code Automatic} (1.8+) means Karras
     */
    public static Optional<SamplerLabel> fromLabels(String sampler, String scheduleType) {
        if (sampler == null || sampler.isBlank()) {
            return Optional.empty();
        }
        String name = sampler.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        boolean karrasInName = name.endsWith(" karras");
        if (karrasInName) {
            name = name.substring(0, name.length() - " karras".length()).strip();
        }
        if (name.startsWith("k ")) {
            name = name.substring(2);
        }
        String schedule = scheduleType == null ? null : scheduleType.strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (name) {
            case "ddim" -> DDIM;
            case "euler" -> EULER;
            case "euler a", "euler ancestral" -> EULER_ANCESTRAL;
            case "plms", "pndm" -> PNDM;
            case "lcm" -> LCM;
            case "dpm++ 2m", "dpmpp 2m" -> karrasInName || "karras".equals(schedule)
                    || "automatic".equals(schedule) ? DPMPP_2M_KARRAS : DPMPP_2M;
            default -> null;
        });
    }
}
