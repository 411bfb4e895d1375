package dev.atelier.compare;

import dev.atelier.scheduler.SchedulerKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AxisParserTest {
    private final AxisParser parser = GridFixtures.parser();
    private final CellSettings base = GridFixtures.base();

    private String problem(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> parser.parse(spec, base)).getMessage();
    }

    @Test
    void seedListsAndRanges() {
        assertEquals(List.of("1", "2", "3", "4"), parser.parse("seed=1-4", base).values());
        assertEquals(List.of("7", "1", "3", "5"), parser.parse("seed=7, 1-5 (+2)", base).values());
        assertEquals(List.of("1", "3", "5", "7", "10"), parser.parse("seed=1-10 [5]", base).values());
    }

    @Test
    void stepsAndGuidanceTakeRangesToo() {
        assertEquals(List.of("10", "15", "20"), parser.parse("steps=10-20 (+5)", base).values());
        assertEquals(List.of("3", "5.5", "8"), parser.parse("cfg=3-8 [3]", base).values());
        assertEquals(AxisKind.GUIDANCE, parser.parse("guidance=7.5", base).kind());
    }

    @Test
    void schedulersAreCheckedAndNormalised() {
        Axis axis = parser.parse("scheduler=DDIM, euler_a", base);
        assertEquals(List.of("ddim", "euler-a"), axis.values());
        assertEquals(SchedulerKind.EULER_ANCESTRAL, axis.apply(base, 1).request().scheduler());
        assertEquals("Unknown scheduler \"heun\"; expected one of ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras, pndm, lcm.",
                problem("scheduler=ddim,heun"));
    }

    @Test
    void sizes() {
        Axis axis = parser.parse("size=64x64, 64x96", base);
        CellSettings tall = axis.apply(base, 1);
        assertEquals(64, tall.request().width());
        assertEquals(96, tall.request().height());
        assertEquals("size \"64 by 64\" is not WIDTHxHEIGHT, e.g. 512x768", problem("size=64 by 64"));
        assertEquals("width must be a multiple of 8 between 8 and 4096, got 65", problem("size=65x64"));
    }

    @Test
    void promptFieldAxesSetOneField() {
        Axis axis = parser.parse("style=watercolor, soft|pixel art", base);
        assertEquals(PromptPart.STYLE, axis.part());
        assertEquals(List.of("watercolor, soft", "pixel art"), axis.values());
        assertEquals("a red circle, watercolor, soft", axis.apply(base, 0).request().prompt());
        assertEquals("blurry", axis.apply(base, 0).request().negativePrompt());
        assertEquals(List.of("lowres", "ugly"), parser.parse("negative=lowres,ugly", base).values());
        assertEquals(PromptPart.FREE_TEXT, parser.parse("free-text=a,b", base).part());
    }

    @Test
    void promptSearchAndReplaceFollowsA1111() {
        Axis axis = parser.parse("sr=red,blue,green", base);
        assertEquals(List.of("red", "blue", "green"), axis.values());
        // the first value is the search text and also a value: cell 0 keeps the prompt
        assertEquals("a red circle, flat", axis.apply(base, 0).request().prompt());
        assertEquals("a blue circle, flat", axis.apply(base, 1).request().prompt());
        assertEquals("Prompt S/R text \"square\" is not in the prompt or the negative prompt; the first S/R value must be "
                + "text the prompt contains", problem("sr=square,circle"));
    }

    @Test
    void searchAndReplaceReachesTheNegativePrompt() {
        Axis axis = parser.parse("prompt-sr=blurry,noisy", base);
        assertEquals("noisy", axis.apply(base, 1).request().negativePrompt());
    }

    @Test
    void presetsAreResolvedByTheInjectedLookup() {
        Axis axis = parser.parse("preset=Noir,Frame", base);
        CellSettings noir = axis.apply(base, 0);
        // appended after ", " (A1111 merge_prompts), into the free-text field
        assertEquals("a red circle, flat, black and white, film grain", noir.request().prompt());
        assertEquals("black and white, film grain", noir.prompt().text(PromptPart.FREE_TEXT));
        assertEquals("blurry, colour", noir.request().negativePrompt());
        assertEquals("a framed picture of a red circle, flat", axis.apply(base, 1).request().prompt());
        assertEquals("unknown preset \"Sepia\" on the preset axis; expected the name of a saved preset",
                problem("preset=Noir,Sepia"));
    }

    @Test
    void variantsExpandCombinatorially() {
        Axis axis = parser.parse("variant=a {red|blue} {circle|square}", base);
        assertEquals(List.of("a red circle", "a red square", "a blue circle", "a blue square"), axis.values());
        assertEquals(PromptPart.SUBJECT, axis.part());
        Axis lighting = parser.parse("variant:lighting={soft|hard} light", base);
        assertEquals("a red circle, flat, hard light", lighting.apply(base, 1).request().prompt());
        assertEquals("variant:lighting", lighting.name());
    }

    @Test
    void emptyAndUnknownAxesAreOneClearLine() {
        assertEquals("the seed axis has no values; expected e.g. seed=a,b", problem("seed= , "));
        assertEquals("the style axis has no values; expected e.g. style=a,b", problem("style="));
        assertEquals("axis \"seed\" is not NAME=VALUES, e.g. seed=1-4 or \"style=watercolor|pixel art\"", problem("seed"));
        assertEquals("unknown axis \"colour\"; expected model, seed, scheduler, guidance, steps, size, sr, preset, variant, "
                + "or a prompt field (subject, composition, style, lighting, free-text, negative)", problem("colour=red"));
        assertEquals("seed -1 is negative; seeds are 0 .. 2^63-1", problem("seed=-1"));
    }

    @Test
    void modelAxesKeepFoldersAsGiven() {
        Axis axis = parser.parse("model=models/tiny-shapes,models/tiny-shapes-v", base);
        assertEquals("models/tiny-shapes-v", axis.apply(base, 1).model());
    }
}
