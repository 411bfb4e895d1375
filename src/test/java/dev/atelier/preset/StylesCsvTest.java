package dev.atelier.preset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StylesCsvTest {
    @TempDir
    Path dir;

    private static final List<PromptPreset> PRESETS = List.of(
            new PromptPreset("Film", "analog film photo {prompt} . faded film, grainy", "painting, \"cartoon\""),
            new PromptPreset("Multi line", "first line\nsecond, line", ""),
            new PromptPreset("桜 style", "cherry blossoms, {prompt}", "ぼやけた"));

    @Test
    void formatsLikePythonCsvWriter() {
        assertEquals("\uFEFFname,prompt,negative_prompt\r\n"
                + "Film,\"analog film photo {prompt} . faded film, grainy\",\"painting, \"\"cartoon\"\"\"\r\n"
                + "Multi line,\"first line\nsecond, line\",\r\n"
                + "桜 style,\"cherry blossoms, {prompt}\",ぼやけた\r\n", StylesCsv.format(PRESETS));
    }

    @Test
    void parseRoundTripsFormat() {
        assertEquals(PRESETS, StylesCsv.parse(StylesCsv.format(PRESETS)));
    }

    @Test
    void readsA1111Quirks() {
        String csv = """
                name, text
                # comment, ignored
                Plain, oil painting
                
                "Quoted, name" , "a ""b"" c"
                Plain, watercolor
                Short
                """;
        List<PromptPreset> presets = StylesCsv.parse(csv);
        assertEquals(List.of(
                new PromptPreset("Plain", "watercolor", ""),       // later row wins, keeps first place
                new PromptPreset("Quoted, name", "a \"b\" c", "")), // commons-csv drops spaces around quotes
                presets.subList(0, 2));
        assertEquals(new PromptPreset("Short", "", ""), presets.get(2));
        assertEquals(3, presets.size());
    }

    @Test
    void writeIsAtomicAndKeepsBackup() throws IOException {
        Path file = dir.resolve("styles.csv");
        StylesCsv.write(file, PRESETS.subList(0, 1));
        StylesCsv.write(file, PRESETS);
        assertEquals(PRESETS, StylesCsv.read(file));
        assertEquals(PRESETS.subList(0, 1), StylesCsv.read(dir.resolve("styles.csv.bak")));
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith("\uFEFFname,prompt,negative_prompt\r\n"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only styles.csv and styles.csv.bak");
        }
    }

    @Test
    void writeRejectsDuplicateAndCommentNames() {
        Path file = dir.resolve("styles.csv");
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> StylesCsv.write(file,
                List.of(new PromptPreset("A", "x", ""), new PromptPreset("A", "y", ""))));
        assertTrue(dup.getMessage().contains("'A'"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StylesCsv.write(file, List.of(new PromptPreset("#x", "", ""))));
        assertTrue(Files.notExists(file));
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.csv");
        IOException e1 = assertThrows(IOException.class, () -> StylesCsv.read(missing));
        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());
        Path header = Files.writeString(dir.resolve("header.csv"), "title,body\nA,b\n");
        IOException e2 = assertThrows(IOException.class, () -> StylesCsv.read(header));
        assertTrue(e2.getMessage().contains(header.toString()) && e2.getMessage().contains("name,prompt,negative_prompt"),
                e2.getMessage());
        Path open = Files.writeString(dir.resolve("open.csv"), "name,prompt\nA,\"never closed\n");
        IOException e3 = assertThrows(IOException.class, () -> StylesCsv.read(open));
        assertTrue(e3.getMessage().contains("row 2") && e3.getMessage().contains("never closed"), e3.getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "name,prompt\ncaf\u00e9,x\n".getBytes(StandardCharsets.ISO_8859_1));
        IOException e4 = assertThrows(IOException.class, () -> StylesCsv.read(latin1));
        assertTrue(e4.getMessage().contains("UTF-8"), e4.getMessage());
        IOException e5 = assertThrows(IOException.class,
                () -> StylesCsv.write(dir.resolve("no").resolve("styles.csv"), PRESETS));
        assertTrue(e5.getMessage().contains("does not exist"), e5.getMessage());
    }

    @Test
    void emptyFileHasNoPresets() {
        assertEquals(List.of(), StylesCsv.parse("\uFEFF"));
        assertEquals(List.of(), StylesCsv.parse("name,prompt,negative_prompt\r\n"));
    }
}
