package dev.atelier.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SamplerLabelTest {

    @ParameterizedTest
    @EnumSource(SamplerLabel.class)
    void cliNameToLabelsAndBack(SamplerLabel label) {
        assertEquals(label, SamplerLabel.fromCliName(label.cliName()).orElseThrow());
        assertEquals(label, SamplerLabel.fromLabels(label.sampler(), label.scheduleType()).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "ddim            | DDIM     | Automatic",
            "euler           | Euler    | Automatic",
            "euler-a         | Euler a  | Automatic",
            "dpmpp-2m        | DPM++ 2M | Uniform",
            "dpmpp-2m-karras | DPM++ 2M | Karras",
            "pndm            | PLMS     | Automatic",
            "lcm             | LCM      | Automatic"})
    void atelierNamesMapToA1111Labels(String cli, String sampler, String schedule) {
        SamplerLabel label = SamplerLabel.fromCliName(cli).orElseThrow();
        assertEquals(sampler, label.sampler());
        assertEquals(schedule, label.scheduleType());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "DPM++ 2M Karras | null      | dpmpp-2m-karras",   // pre-1.8 fused name
            "DPM++ 2M        | null      | dpmpp-2m",          // pre-1.8: plain meant non-Karras
            "DPM++ 2M        | Automatic | dpmpp-2m-karras",   // 1.8+: Automatic = sampler default = Karras
            "DPM++ 2M        | Exponential | dpmpp-2m",        // nearest supported
            "k_euler_a       | null      | euler-a",
            "euler_ancestral | normal    | euler-a",
            "dpmpp_2m        | karras    | dpmpp-2m-karras",
            "k_dpmpp_2m      | null      | dpmpp-2m",
            "Euler           | Karras    | euler",
            "PLMS            | null      | pndm"})
    void readsLegacyAndForeignNames(String sampler, String schedule, String cli) {
        assertEquals(cli, SamplerLabel.fromLabels(sampler, schedule).orElseThrow().cliName());
    }

    @Test
    void unknownNamesAreEmpty() {
        assertEquals(Optional.empty(), SamplerLabel.fromLabels("DPM++ SDE", "Karras"));
        assertEquals(Optional.empty(), SamplerLabel.fromLabels(null, null));
        assertEquals(Optional.empty(), SamplerLabel.fromCliName("heun"));
    }
}
