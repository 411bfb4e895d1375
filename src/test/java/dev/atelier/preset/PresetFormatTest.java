package dev.atelier.preset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresetFormatTest {
    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = PresetFormatTest.class.getResourceAsStream("/preset/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Styles with the characters that break naive writers: quotes, commas, newlines, non-ASCII. */
    static List<Preset> awkwardStyles(JoinRule rule) {
        return List.of(
                Preset.style("Film", "analog film photo {prompt} . faded film, grainy", "painting, \"cartoon\"", rule),
                Preset.style("Multi line", "first line\nsecond, line", "", rule),
                Preset.style("桜 style", "cherry blossoms, {prompt}", "ぼやけた", rule));
    }

    @Test
    void detectsEachFormatFromContent() throws IOException {
        assertEquals(PresetFormat.A1111, PresetFormat.detect(resource("styles.csv")));
        assertEquals(PresetFormat.FOOOCUS, PresetFormat.detect(resource("fooocus-styles.json")));
        assertEquals(PresetFormat.INVOKEAI_CSV, PresetFormat.detect(resource("invokeai-templates.csv")));
        assertEquals(PresetFormat.INVOKEAI_JSON, PresetFormat.detect(resource("invokeai-templates.json")));
        assertEquals(PresetFormat.SWARMUI, PresetFormat.detect(resource("swarmui-preset.json")));
        assertEquals(PresetFormat.ATELIER, PresetFormat.detect(PresetFormat.ATELIER.write(awkwardStyles(JoinRule.A1111))));
        assertEquals(PresetFormat.A1111, PresetFormat.detect("name,text\nOld,oil painting\n"));
    }

    @Test
    void readsA1111FileSkippingCommentRows() throws IOException {
        List<Preset> presets = PresetFormat.A1111.read(resource("styles.csv"));
        assertEquals(awkwardStyles(JoinRule.A1111), presets);
    }

    @Test
    void readsSwarmUiValuePlaceholderAndSettings() throws IOException {
        Preset moody = PresetFormat.SWARMUI.read(resource("swarmui-preset.json")).getFirst();
        assertEquals("moody photo of {prompt}, low key", moody.prompt().freeText());
        assertEquals("bright", moody.prompt().negative());
        assertEquals(new PresetSettings(null, null, 30, 6.5, 512, 768), moody.settings());
        assertEquals("dark and moody", moody.note());
        assertTrue(moody.favourite());
        assertTrue(PresetFormat.SWARMUI.write(List.of(moody)).contains("moody photo of {value}, low key"));
    }

    @Test
    void invokeAiAcceptsPromptOrPositivePrompt() throws IOException {
        assertEquals(List.of(Preset.style("Portrait", "portrait of {prompt}, 85mm", "blurry", JoinRule.INVOKEAI),
                        Preset.style("Soft", "soft light", "", JoinRule.INVOKEAI)),
                PresetFormat.INVOKEAI_CSV.read(resource("invokeai-templates.csv")));
        assertEquals(List.of(Preset.style("A", "x", "y", JoinRule.INVOKEAI)),
                PresetFormat.INVOKEAI_CSV.read("name,prompt,negative_prompt\nA,x,y\n"));
        PresetFormatException extra = assertThrows(PresetFormatException.class,
                () -> PresetFormat.INVOKEAI_JSON.read("[{\"name\": \"A\", \"positive_prompt\": \"x\", \"seed\": \"1\"}]"));
        assertTrue(extra.getMessage().contains("entry 1") && extra.getMessage().contains("'seed'"), extra.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PresetFormat.class)
    void everyFormatRoundTrips(PresetFormat format) {
        List<Preset> first = format.read(format.write(awkwardStyles(format.joinRule())));
        assertEquals(awkwardStyles(format.joinRule()), first);
        assertEquals(first, format.read(format.write(first)));
    }

    @Test
    void atelierJsonIsLossless() {
        Preset full = new Preset("Lighthouse", new PresetPrompt("a lighthouse", "wide shot", "watercolor {prompt}",
                "golden hour", "calm sea", "blurry"), new PresetSettings("sd15", "dpmpp-2m-karras", 25, 7.0, 512, 640),
                JoinRule.INVOKEAI, List.of("sea", "coast"), "a note\nwith two lines", new byte[]{(byte) 0x89, 'P', 'N', 'G'},
                true, "landscapes/coast");
        assertEquals(List.of(full), PresetFormat.ATELIER.read(PresetFormat.ATELIER.write(List.of(full))));
    }

    @Test
    void stylesCsvWriteKeepsBackup() throws IOException {
        Path file = dir.resolve("styles.csv");
        PresetFiles.write(file, PresetFormat.A1111, awkwardStyles(JoinRule.A1111).subList(0, 1));
        PresetFiles.write(file, PresetFormat.A1111, awkwardStyles(JoinRule.A1111));
        assertEquals(awkwardStyles(JoinRule.A1111), PresetFiles.read(file, null).presets());
        assertEquals(1, PresetFiles.read(dir.resolve("styles.csv.bak"), PresetFormat.A1111).presets().size());
    }

    @Test
    void badInputGivesOneLineNamingWhatWasWrong() throws IOException {
        assertOneLine(write("open.csv", "name,prompt,negative_prompt\nA,\"never closed\n".getBytes(StandardCharsets.UTF_8)),
                "row 2", "never closed");
        // seen in a user's try: the message named commons-csv's exception class
        Path stray = write("stray.csv", "name,prompt\n\"Moody\",\"dark\"\n\"Bad,\"oops\n".getBytes(StandardCharsets.UTF_8));
        assertOneLine(stray, "row 3", "text after a closing quote", "line 3");
        String said = assertThrows(PresetFormatException.class, () -> PresetFiles.read(stray, null)).getMessage();
        assertFalse(said.contains("org.apache") || said.contains("Exception"), said);
        assertOneLine(write("utf16.csv", "name,prompt\nA,b\n".getBytes(StandardCharsets.UTF_16)), "UTF-16");
        assertOneLine(write("utf16le.csv", "name,prompt\nA,b\n".getBytes(StandardCharsets.UTF_16LE)), "UTF-16");
        assertOneLine(write("empty.csv", new byte[0]), "empty");
        assertOneLine(write("blank.json", "  \n".getBytes(StandardCharsets.UTF_8)), "empty");
        assertOneLine(write("dup.json", "[{\"name\": \"A\"}, {\"name\": \"B\"}, {\"name\": \"A\"}]".getBytes(StandardCharsets.UTF_8)),
                "entry 3", "'A'", "entry 1");
        assertOneLine(write("blankname.csv", "name,positive_prompt\nA,x\n ,y\n".getBytes(StandardCharsets.UTF_8)),
                "row 3", "blank");
        assertOneLine(write("bad.json", "[{\"name\": \"A\", \"prompt\": 3}]".getBytes(StandardCharsets.UTF_8)),
                "entry 1", "'prompt'", "expected text");
        assertOneLine(write("broken.json", "[{\"name\": \"A\",".getBytes(StandardCharsets.UTF_8)), "malformed JSON");
    }

    @Test
    void hugeFileIsRefusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.json");
        byte[] chunk = ("{\"name\": \"x\", \"prompt\": \"" + "a".repeat(1000) + "\"},").getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(big)) {
            out.write('[');
            for (long written = 0; written < 50L * 1024 * 1024; written += chunk.length) {
                out.write(chunk);
            }
            out.write("{\"name\": \"y\"}]".getBytes(StandardCharsets.UTF_8));
        }
        assertOneLine(big, "50 MiB", "at most 16 MiB");
    }

    @Test
    void tenThousandPresetsReadBack() {
        List<Preset> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(Preset.style("style " + i, "photo of {prompt}, take " + i, "blurry " + i, JoinRule.A1111));
        }
        assertEquals(many, PresetFormat.A1111.read(PresetFormat.A1111.write(many)));
    }

    @Test
    void unknownFormatNameListsTheChoices() {
        PresetFormatException e = assertThrows(PresetFormatException.class, () -> PresetFiles.format("comfy"));
        assertTrue(e.getMessage().contains("a1111") && e.getMessage().contains("swarmui"), e.getMessage());
        assertNull(PresetFormat.fromCliName("nope").orElse(null));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertOneLine(Path file, String... parts) {
        PresetFormatException e = assertThrows(PresetFormatException.class, () -> PresetFiles.read(file, null));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should contain " + part);
        }
    }
}
