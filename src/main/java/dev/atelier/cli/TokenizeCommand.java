package dev.atelier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ModelFolderException;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.prompt.PromptParser;
import dev.atelier.prompt.TokenChunk;
import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tokenize [--chunks] [--model DIR] TEXT}: one JSON line with the CLIP token ids of TEXT, or
 * with its A1111 chunks. Bad input is reported like every other command's (see {@link Failures}):
 * exit code 2 and one line on stderr.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the CLIP tokens of TEXT (or its 77-token chunks with --chunks) as one JSON line.")
final class TokenizeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder (diffusers layout, reads DIR/tokenizer) or a tokenizer folder. "
                    + "Default: the embedded models/" + EmbeddedModels.DEFAULT + ".")
    String model;

    @Option(names = "--chunks", description = "Parse A1111 prompt syntax and print the 77-token chunks with their weights.")
    boolean chunks;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The prompt; several words are joined with spaces.")
    List<String> text;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        Path tokenizerDir = tokenizerFolder(Choices.modelDir(model));
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerDir)) {
            String prompt = String.join(" ", text);
            ObjectNode out = chunks ? chunksJson(tokenizer, prompt) : tokensJson(tokenizer, prompt);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(JSON.writeValueAsString(out));
            stdout.flush();
            return 0;
        }
    }

    /** Tokens of the text between BREAKs (a keyword, not a word to tokenize); "breaks" gives each BREAK's token index. */
    private static ObjectNode tokensJson(ClipTokenizer tokenizer, String prompt) {
        List<Token> tokens = new java.util.ArrayList<>();
        List<Integer> breaks = new java.util.ArrayList<>();
        for (String segment : PromptParser.splitAtBreaks(prompt)) {
            tokens.addAll(tokenizer.tokenize(segment));
            breaks.add(tokens.size());
        }
        breaks.removeLast(); // the text after the last BREAK ends the prompt, not another BREAK
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ids = out.putArray("ids").add(tokenizer.bosId());
        tokens.forEach(t -> ids.add(t.id()));
        ids.add(tokenizer.eosId());
        ArrayNode texts = out.putArray("tokens").add("<|startoftext|>");
        tokens.forEach(t -> texts.add(t.text()));
        texts.add("<|endoftext|>");
        out.put("count", tokens.size());
        if (!breaks.isEmpty()) {
            ArrayNode at = out.putArray("breaks");
            breaks.forEach(at::add);
        }
        return out;
    }

    private static ObjectNode chunksJson(ClipTokenizer tokenizer, String prompt) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("chunks");
        for (TokenChunk chunk : new PromptChunker(tokenizer).chunk(prompt).chunks()) {
            ObjectNode c = list.addObject();
            ArrayNode ids = c.putArray("ids");
            for (int id : chunk.ids()) {
                ids.add(id);
            }
            ArrayNode weights = c.putArray("weights");
            for (float w : chunk.weights()) {
                weights.add(w);
            }
        }
        return out;
    }

    /** {@code DIR/tokenizer} in diffusers layout, or DIR itself when it holds the tokenizer files. */
    static Path tokenizerFolder(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path nested = dir.resolve("tokenizer");
        if (Files.isDirectory(nested)) {
            return nested;
        }
        if (Files.exists(dir.resolve("vocab.json")) || Files.exists(dir.resolve("tokenizer.json"))) {
            return dir;
        }
        throw new ModelFolderException(nested, "tokenizer is missing; expected this folder (diffusers layout) "
                + "or vocab.json and merges.txt (or tokenizer.json) in " + dir);
    }
}
