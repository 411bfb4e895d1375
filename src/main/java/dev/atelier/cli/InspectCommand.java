package dev.atelier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atelier.image.GenerationParameters;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.metadata.RecoveredGeneration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code inspect}: what an image's metadata says about how it was made. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show how an image was made (A1111, ComfyUI, InvokeAI, Fooocus, SwarmUI, Atelier metadata).")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "PNG, JPEG or WebP image.")
    String file;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path path = Choices.path("FILE", file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("image '" + file + "' does not exist");
        }
        RecoveredGeneration r = ImageMetadata.read(path);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(r));
        } else {
            boolean sheet = r.texts().containsKey(dev.atelier.compare.GridPngs.MANIFEST_KEY);
            // a grid sheet holds many generations: say what it is and how to reopen it, not "unknown"
            out.println("tool: " + (sheet ? "atelier (grid sheet; reopen it with: atelier compare --manifest " + path + ")"
                    : r.tool().name().toLowerCase(java.util.Locale.ROOT)));
            out.println("provenance label: " + (r.labelled() ? "yes (AI-generated, IPTC trainedAlgorithmicMedia)" : "no"));
            r.generation().ifPresent(p -> {
                out.println("prompt: " + p.prompt());
                out.println("negative: " + p.negativePrompt());
                settings(p).forEach((k, v) -> out.println(k + ": " + v));
            });
            r.scheduler().ifPresent(s -> out.println("scheduler (Atelier): " + s));
            r.unsupported().forEach((k, v) -> out.println("not in Atelier: " + k + " = " + v));
            out.println("text chunks: " + String.join(", ", r.texts().keySet()));
        }
        out.flush();
        return 0;
    }

    private static Map<String, String> settings(GenerationParameters p) {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        if (p.steps() != null) {
            s.put("steps", p.steps().toString());
        }
        if (p.sampler() != null) {
            s.put("sampler", p.sampler() + (p.scheduleType() == null ? "" : " / " + p.scheduleType()));
        }
        if (p.cfgScale() != null) {
            s.put("cfg", p.cfgScale().toString());
        }
        if (p.seed() != null) {
            s.put("seed", p.seed().toString());
        }
        if (p.width() != null) {
            s.put("size", p.width() + "x" + p.height());
        }
        if (p.modelName() != null) {
            s.put("model", p.modelName());
        }
        s.putAll(p.extras());
        return s;
    }

    private static String json(RecoveredGeneration r) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode().put("tool", r.tool().name().toLowerCase(java.util.Locale.ROOT))
                .put("provenanceLabel", r.labelled());
        r.generation().ifPresent(p -> {
            root.put("prompt", p.prompt()).put("negativePrompt", p.negativePrompt());
            ObjectNode settings = root.putObject("settings");
            settings(p).forEach(settings::put);
        });
        root.put("scheduler", r.scheduler().orElse(null));
        ObjectNode unsupported = root.putObject("unsupported");
        r.unsupported().forEach(unsupported::put);
        if (r.fields() != null) {
            root.set("fields", mapper.readTree(ImageMetadata.fieldsJson(r.fields())).get("fields"));
        }
        ObjectNode texts = root.putObject("texts");
        r.texts().forEach(texts::put);
        return mapper.writeValueAsString(root);
    }
}
