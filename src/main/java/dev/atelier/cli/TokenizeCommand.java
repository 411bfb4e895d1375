package dev.atelier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.prompt.TokenChunk;
import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.Token;
import dev.atelier.tokenizer.TokenizerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tokenize [--chunks] [--model DIR] TEXT}: one JSON line with the CLIP token ids of TEXT, or
 * with its A1111 chunks. Bad input gives exit code 2 and one line on stderr.
 */
@Command(name = "tokenize", description = "Print the CLIP tokens of TEXT (or its 77-token chunks with --chunks) as one JSON line.")
public final class TokenizeCommand implements Callable<Integer> {
    static final Path DEFAULT_MODEL = Path.of("models", EmbeddedModels.DEFAULT);
    private static final String USAGE = "usage: tokenize [--chunks] [--model DIR] TEXT";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Option(names = "--model", paramLabel = "DIR", arity = "0..1", fallbackValue = "",
            description = "Model folder (diffusers layout, reads DIR/tokenizer) or a tokenizer folder. Default: models/tiny-shapes.")
    private String model;

    @Option(names = "--chunks", description = "Parse A1111 prompt syntax and print the 77-token chunks with their weights.")
    private boolean chunks;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The prompt; several words are joined with spaces.")
    private List<String> text;

    @Unmatched
    private List<String> unmatched;

    @Spec
    private CommandSpec spec;

    public TokenizeCommand() {
        // picocli instantiates and fills the fields
    }

    @Override
    public Integer call() {
        if (unmatched != null && !unmatched.isEmpty()) {
            return fail("unknown option " + unmatched.getFirst() + " (" + USAGE + ")");
        }
        if (model != null && model.isBlank()) {
            return fail("--model needs a model folder (" + USAGE + ")");
        }
        if (text == null || text.isEmpty()) {
            return fail("missing TEXT to tokenize (" + USAGE + ")");
        }
        Optional<Path> tokenizerDir;
        try {
            tokenizerDir = tokenizerDir();
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (tokenizerDir.isEmpty()) {
            return 2;
        }
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerDir.get())) {
            String prompt = String.join(" ", text);
            ObjectNode out = chunks ? chunksJson(tokenizer, prompt) : tokensJson(tokenizer, prompt);
            spec.commandLine().getOut().println(JSON.writeValueAsString(out));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (TokenizerException e) {
            return fail(e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode tokensJson(ClipTokenizer tokenizer, String prompt) {
        List<Token> tokens = tokenizer.tokenize(prompt);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ids = out.putArray("ids").add(tokenizer.bosId());
        tokens.forEach(t -> ids.add(t.id()));
        ids.add(tokenizer.eosId());
        ArrayNode texts = out.putArray("tokens").add("<|startoftext|>");
        tokens.forEach(t -> texts.add(t.text()));
        texts.add("<|endoftext|>");
        out.put("count", tokens.size());
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

    /** The tokenizer folder for --model, or the default model's; empty after reporting a missing default. */
    private Optional<Path> tokenizerDir() {
        if (model == null) {
            Optional<Path> found = EmbeddedModels.find(EmbeddedModels.DEFAULT);
            if (found.isEmpty()) {
                fail("no --model given and the default model " + DEFAULT_MODEL + " was not found in the working "
                        + "directory or beside the Atelier jar; pass --model DIR");
                return Optional.empty();
            }
            return Optional.of(tokenizerFolder(found.get()));
        }
        Path dir;
        try {
            dir = Path.of(model);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--model " + model + " is not a valid path");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model folder not found: " + dir);
        }
        return Optional.of(tokenizerFolder(dir));
    }

    /** {@code DIR/tokenizer} in diffusers layout, or DIR itself when it holds the tokenizer files. */
    static Path tokenizerFolder(Path dir) {
        Path nested = dir.resolve("tokenizer");
        if (Files.isDirectory(nested)) {
            return nested;
        }
        if (Files.exists(dir.resolve("vocab.json")) || Files.exists(dir.resolve("tokenizer.json"))) {
            return dir;
        }
        throw new IllegalArgumentException("no tokenizer in " + dir + ": expected " + nested
                + " (diffusers layout) or vocab.json + merges.txt in the folder itself");
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("tokenize: " + message.replace('\n', ' '));
        spec.commandLine().getErr().flush();
        return 2;
    }
}
