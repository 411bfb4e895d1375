package dev.atelier.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A1111 {@code parameters} text: writing, reading, and the quirks A1111 itself has. */
class GenerationParametersTest {

    private static GenerationParameters.Builder sd15() {
        return GenerationParameters.builder().prompt("a cat").negativePrompt("blurry").steps(20)
                .scheduler("dpmpp-2m-karras").cfgScale(7).seed(1234567890L).size(512, 512)
                .model("v1-5-pruned-emaonly", "6ce0161689");
    }

    @Test
    void formatsA1111Layout() {
        String text = sd15().extra("Version", "v1.10.1").build().format();
        assertEquals("a cat\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, "
                + "CFG scale: 7, Seed: 1234567890, Size: 512x512, Model hash: 6ce0161689, "
                + "Model: v1-5-pruned-emaonly, Version: v1.10.1", text);
    }

    @Test
    void omitsNegativeLineAndAbsentKeys() {
        GenerationParameters p = GenerationParameters.builder().prompt("a cat").steps(4).cfgScale(1.5)
                .seed(7).size(768, 512).build();
        assertEquals("a cat\nSteps: 4, CFG scale: 1.5, Seed: 7, Size: 768x512", p.format());
    }

    @Test
    void extrasGoToA1111KeyPositions() {
        GenerationParameters p = sd15().extra("Lora hashes", "add_detail: 7c6bad76eb54").extra("Version", "v1.10.1")
                .extra("Clip skip", "2").extra("ENSD", "31337").extra("Face restoration", "CodeFormer").build();
        String params = p.format().lines().toList().getLast();
        assertEquals("Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234567890, "
                + "Face restoration: CodeFormer, Size: 512x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, "
                + "Clip skip: 2, ENSD: 31337, Lora hashes: \"add_detail: 7c6bad76eb54\", Version: v1.10.1", params);
        assertEquals(p, GenerationParameters.parse(p.format()));
    }

    @Test
    void realWorldA1111TextRoundTrips() {
        String text = """
                masterpiece, best quality, 1girl,
                (detailed face:1.2), looking at viewer
                Negative prompt: lowres, bad anatomy,
                worst quality
                Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.5, Seed: 3456789012, \
                Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.7, \
                Clip skip: 2, Hires upscale: 2, Hires steps: 10, Hires upscaler: Latent, \
                Lora hashes: "add_detail: 7c6bad76eb54, more_details: 3b8aa1d351ef", \
                TI hashes: "easynegative: c74b4e810b03", Version: v1.10.1""";
        GenerationParameters p = GenerationParameters.parse(text);
        assertEquals("masterpiece, best quality, 1girl,\n(detailed face:1.2), looking at viewer", p.prompt());
        assertEquals("lowres, bad anatomy,\nworst quality", p.negativePrompt());
        assertEquals(7.5, p.cfgScale());
        assertEquals(3456789012L, p.seed());
        assertEquals(512, p.width());
        assertEquals(768, p.height());
        assertEquals("add_detail: 7c6bad76eb54, more_details: 3b8aa1d351ef", p.extras().get("Lora hashes"));
        assertEquals(List.of("Denoising strength", "Clip skip", "Hires upscale", "Hires steps", "Hires upscaler",
                "Lora hashes", "TI hashes", "Version"), List.copyOf(p.extras().keySet()));
        assertEquals(text, p.format());
    }

    @Test
    void forgeTextWithKeysAfterVersionRoundTrips() {
        String text = "a cat in a hat\nSteps: 20, Sampler: Euler a, Schedule type: Automatic, CFG scale: 7, "
                + "Seed: 42, Size: 896x1152, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, "
                + "Version: f2.0.1v1.10.1-previous-313-g8a042934, Module 1: sdxl_vae";
        GenerationParameters p = GenerationParameters.parse(text);
        assertEquals("sdxl_vae", p.extras().get("Module 1"));
        assertEquals("euler-a", p.schedulerCliName().orElseThrow());
        assertEquals(text, p.format());
    }

    @Test
    void quotedValuesKeepCommasQuotesBackslashesAndNewlines() {
        String tricky = "He said \"hi\", then: left\\right\nnext line\ttab\u001f";
        GenerationParameters p = sd15().extra("Script", tricky).build();
        String params = p.format().lines().toList().getLast();
        assertTrue(params.contains("Script: \"He said \\\"hi\\\", then: left\\\\right\\nnext line\\ttab\\u001f\""),
                params);
        assertEquals(tricky, GenerationParameters.parse(p.format()).extras().get("Script"));
        assertEquals(p, GenerationParameters.parse(p.format()));
    }

    @Test
    void quotedModelNameWithComma() {
        GenerationParameters p = sd15().model("my model, v2", null).build();
        assertTrue(p.format().endsWith("Size: 512x512, Model: \"my model, v2\""), p.format());
        assertEquals("my model, v2", GenerationParameters.parse(p.format()).modelName());
    }

    @Test
    void textWithFewerThanThreeParametersIsAllPrompt() {
        GenerationParameters p = GenerationParameters.parse("a cat\nstyle: oil, mood: calm");
        assertEquals("a cat\nstyle: oil, mood: calm", p.prompt());
        assertNull(p.steps());
        assertTrue(p.extras().isEmpty());
    }

    @Test
    void linesAreStrippedAndCrLfAccepted() {
        GenerationParameters p = GenerationParameters.parse(
                "  a cat  \r\n  in a hat \r\nNegative prompt:   dog \r\nSteps: 5, Sampler: Euler, Seed: 3\r\n");
        assertEquals("a cat\nin a hat", p.prompt());
        assertEquals("dog", p.negativePrompt());
        assertEquals(5, p.steps());
        assertEquals(3L, p.seed());
    }

    @Test
    void emptyValuesAreSkippedAsA1111Does() {
        GenerationParameters p = GenerationParameters.parse("x\nSteps: 20, Foo: , Sampler: Euler, Seed: 1");
        assertEquals(Map.of(), p.extras());
        assertEquals("Euler", p.sampler());
    }

    @Test
    void emptyPromptAndNegative() {
        GenerationParameters p = GenerationParameters.builder().steps(1).sampler("Euler", null).seed(0).build();
        assertEquals("Steps: 1, Sampler: Euler, Seed: 0", p.format());
        assertEquals(p, GenerationParameters.parse(p.format()));
    }

    @Test
    void nonLatinPromptRoundTrips() {
        GenerationParameters p = sd15().prompt("猫, 桜の木の下で\nπ ≈ 3.14").negativePrompt("ぼやけた").build();
        assertEquals(p, GenerationParameters.parse(p.format()));
    }

    @Test
    void cfgScaleUsesShortestDigits() {
        assertTrue(sd15().cfgScale(4.25).build().format().contains("CFG scale: 4.25,"));
        assertTrue(sd15().cfgScale(0.1).build().format().contains("CFG scale: 0.1,"));
        assertEquals(7.0, GenerationParameters.parse("p\nSteps: 1, CFG scale: 7.0, Seed: 1").cfgScale());
    }

    @Test
    void invokeAiJsonIsRead() {
        String json = """
                {"generation_mode": "txt2img", "positive_prompt": "a castle", "negative_prompt": "fog",
                 "width": 768, "height": 512, "seed": 123, "cfg_scale": 6.5, "steps": 30,
                 "scheduler": "dpmpp_2m_k", "clip_skip": 0,
                 "model": {"name": "juggernaut", "hash": "blake3:abc", "base": "sd-1"}, "app_version": "4.2.9"}""";
        GenerationParameters p = GenerationParameters.parse(json);
        assertEquals("a castle", p.prompt());
        assertEquals("fog", p.negativePrompt());
        assertEquals(30, p.steps());
        assertEquals("DPM++ 2M", p.sampler());
        assertEquals("Karras", p.scheduleType());
        assertEquals(6.5, p.cfgScale());
        assertEquals(768, p.width());
        assertEquals(512, p.height());
        assertEquals("juggernaut", p.modelName());
        assertEquals(Map.of("Version", "InvokeAI 4.2.9"), p.extras());
    }

    @Test
    void braceWrappedPromptIsNotMistakenForJson() {
        GenerationParameters p = GenerationParameters.parse("{red|blue} car, {day|night}");
        assertEquals("{red|blue} car, {day|night}", p.prompt());
    }

    @Test
    void malformedInvokeAiJsonNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationParameters.parse("{\"steps\": \"many\"}"));
        assertTrue(e.getMessage().contains("'steps'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\nSteps: many, Sampler: Euler, Seed: 1", "p\nSteps: 2, Size: 512, Seed: 1",
            "p\nSteps: 2, CFG scale: high, Seed: 1", "p\nSteps: 2, Sampler: Euler, Seed: 1.5"})
    void malformedKnownValuesGiveOneClearMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenerationParameters.parse(text));
        assertTrue(e.getMessage().contains("in the parameters text is"), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void constructorRejectsWhatA1111CannotReadBack() {
        assertThrows(IllegalArgumentException.class, () -> sd15().extra("x", "1").build());
        assertThrows(IllegalArgumentException.class, () -> sd15().extra("Steps", "1").build());
        assertThrows(IllegalArgumentException.class, () -> sd15().extra("Clip skip", "").build());
        assertThrows(IllegalArgumentException.class, () -> sd15().size(0, 512).build());
        assertThrows(IllegalArgumentException.class, () -> sd15().steps(0).build());
        assertThrows(IllegalArgumentException.class, () -> sd15().cfgScale(Double.NaN).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sd15().scheduler("heun"));
        assertTrue(e.getMessage().contains("heun") && e.getMessage().contains("dpmpp-2m-karras"), e.getMessage());
    }

    @Test
    void toBuilderKeepsEverything() {
        GenerationParameters p = sd15().extra("Clip skip", "2").build();
        assertEquals(p, p.toBuilder().build());
        assertEquals(99L, p.toBuilder().seed(99).build().seed());
    }
}
