package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.tokenizer.ReferenceTokenizers;
import dev.atelier.tokenizer.TinyBpeFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /** {@code atelier tokenize ARGS} in-process, through the same command line (and failure handling) as main. */
    private static Run run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "tokenize";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    /** A diffusers-layout model folder whose tokenizer/ is the SD 1.x tokenizer pinned in the test resources. */
    private static Path model(Path temp) throws IOException {
        ReferenceTokenizers.clipTokenizerWithPad(temp, "\"<|endoftext|>\"");
        return temp;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static void assertOneLineError(Run r, String... fragments) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertFalse(err.isEmpty());
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "expected \"" + f + "\" in: " + err);
        }
    }

    @Test
    void printsIdsTokensAndCountAsOneJsonLine(@TempDir Path temp) throws IOException {
        Path model = model(temp);
        Run r = run("--model", model.toString(), "a photo of a cat");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().strip().lines().count());
        JsonNode json = r.json();
        assertEquals(List.of(49406, 320, 1125, 539, 320, 2368, 49407), ints(json.get("ids")));
        assertEquals(5, json.get("count").asInt());
        assertEquals("photo</w>", json.get("tokens").get(2).asText());
        assertEquals(json.get("ids").size(), json.get("tokens").size());

        Run direct = run("--model", model.resolve("tokenizer").toString(), "a", "photo", "of", "a", "cat");
        assertEquals(0, direct.exit(), direct.err());
        assertEquals(json, direct.json(), "a tokenizer folder works too, and words are joined with spaces");

        Run unicode = run("--model", model.toString(), "café 😀");
        assertEquals(0, unicode.exit());
        assertTrue(unicode.out().chars().allMatch(c -> c < 128), "JSON escapes non-ASCII, whatever the console encoding");
        assertEquals("cafÃ©</w>", unicode.json().get("tokens").get(1).asText());
    }

    @Test
    void readsTheModelsOwnSmallTokenizer(@TempDir Path temp) throws IOException {
        Map<String, Integer> vocab = TinyBpeFolder.write(temp.resolve("tokenizer"), List.of("c a", "ca t</w>"), "!");
        Run r = run("--model", temp.toString(), "cat");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(vocab.get("<|startoftext|>"), vocab.get("cat</w>"), vocab.get("<|endoftext|>")), ints(r.json().get("ids")));
        Run chunks = run("--chunks", "--model", temp.toString(), "cat");
        List<Integer> ids = ints(chunks.json().get("chunks").get(0).get("ids"));
        assertEquals(vocab.get("!"), ids.get(3), "padding uses the folder's pad token");
    }

    @Test
    void printsChunksWithWeights(@TempDir Path temp) throws IOException {
        Run r = run("--chunks", "--model", model(temp).toString(), "a (red:1.5) cat BREAK dog");
        assertEquals(0, r.exit(), r.err());
        JsonNode chunks = r.json().get("chunks");
        assertEquals(2, chunks.size());
        for (JsonNode c : chunks) {
            assertEquals(77, c.get("ids").size());
            assertEquals(77, c.get("weights").size());
        }
        assertEquals(List.of(49406, 320, 736, 2368, 49407), ints(chunks.get(0).get("ids")).subList(0, 5));
        assertEquals(1.5, chunks.get(0).get("weights").get(2).asDouble(), 1e-6);
        assertEquals(List.of(49406, 1929, 49407), ints(chunks.get(1).get("ids")).subList(0, 3));
    }

    @Test
    void badInputGivesOneLineAndExitCode2(@TempDir Path temp) throws IOException {
        assertOneLineError(run("--model", temp.resolve("missing").toString(), "cat"),
                "atelier tokenize: --model: ", "missing is not a folder", "expected a model folder");
        assertOneLineError(run("--model", temp.toString(), "cat"), "tokenizer is missing", "vocab.json");
        assertOneLineError(run("--model", "", "cat"), "--model: empty value");
        assertOneLineError(run("--model"), "--model");
        Path model = temp.resolve("m");
        TinyBpeFolder.write(model.resolve("tokenizer"), List.of("c a", "ca t</w>"), "<|endoftext|>");
        assertOneLineError(run("--model", model.toString()), "TEXT");
        assertOneLineError(run("--bogus", "--model", model.toString(), "cat"), "--bogus");

        Path broken = Files.createDirectories(temp.resolve("broken").resolve("tokenizer"));
        Files.writeString(broken.resolve("vocab.json"), "{\"a\": 0,");
        Files.writeString(broken.resolve("merges.txt"), "#version: 0.2\n");
        assertOneLineError(run("--model", broken.getParent().toString(), "cat"), "vocab.json");
    }

    /** The review's point: a missing model folder reads the same in tokenize as in generate. */
    @Test
    void aMissingModelFolderGivesTheSameMessageAsGenerate(@TempDir Path temp) {
        String missing = temp.resolve("no-such-model").toString();
        Run tokenize = run("--model", missing, "cat");
        CliRun generate = CliRun.of("generate", "--model", missing, "--prompt", "cat", "--out",
                temp.resolve("x.png").toString());
        assertOneLineError(tokenize, "no-such-model");
        assertEquals(2, generate.exitCode(), generate.err());
        assertEquals(1, generate.errLines(), generate.err());
        assertTrue(tokenize.err().startsWith("atelier tokenize: --model: "), tokenize.err());
        assertTrue(generate.err().startsWith("atelier generate: --model: "), generate.err());
        assertEquals(generate.err().strip().substring("atelier generate: ".length()),
                tokenize.err().strip().substring("atelier tokenize: ".length()));
    }

    @Test
    void withoutModelUsesTheDefaultOrSaysItIsMissing() {
        Run r = run("a cat");
        if (EmbeddedModels.find(EmbeddedModels.DEFAULT).isPresent()) {
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("\"ids\""), r.out());
        } else {
            assertOneLineError(r, "models/" + EmbeddedModels.DEFAULT, "pass --model DIR");
            assertEquals(CliRun.of("info").err().replace("info: ", ""), r.err().replace("tokenize: ", ""),
                    "the same message as the other commands");
        }
    }
}
