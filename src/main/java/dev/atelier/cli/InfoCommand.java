package dev.atelier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.onnx.Component;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelGeometry;
import dev.atelier.onnx.Signature;
import dev.atelier.onnx.TensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code info}: family, components, every graph's signature and the scheduler config of a model. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model folder: family, components, input/output signatures, scheduler config.")
final class InfoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder. Default: the embedded models/tiny-shapes.")
    String model;
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        ModelFolder folder = Choices.model(model);
        Map<String, Object> info = describe(folder);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(info));
        } else {
            printText(out, folder);
        }
        out.flush();
        return 0;
    }

    /** The JSON document printed by {@code info --json}. */
    static Map<String, Object> describe(ModelFolder folder) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model", folder.root().toString());
        info.put("name", folder.name());
        info.put("family", folder.family().name());
        info.put("family_label", folder.family().label());
        info.put("prediction_type", folder.predictionType());
        ModelGeometry g = folder.geometry();
        info.put("geometry", Map.of("latent_channels", g.latentChannels(), "vae_scale_factor", g.vaeScaleFactor(),
                "scaling_factor", g.scalingFactor(), "size_multiple", g.sizeMultiple(),
                "sample_width", g.sampleWidth(), "sample_height", g.sampleHeight()));
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("steps", folder.defaults().steps());
        defaults.put("guidance", folder.defaults().guidance());
        defaults.put("scheduler", folder.defaults().scheduler());
        defaults.put("width", folder.defaults().width());
        defaults.put("height", folder.defaults().height());
        info.put("defaults", defaults);
        List<String> components = new ArrayList<>();
        for (Component c : Component.values()) {
            if (folder.has(c)) {
                components.add(c.dirName());
            }
        }
        info.put("components", components);
        Map<String, Object> sessions = new LinkedHashMap<>();
        folder.signatures().forEach((c, s) -> sessions.put(c.dirName(), signature(s)));
        info.put("sessions", sessions);
        info.put("scheduler_config", folder.schedulerConfig());
        return info;
    }

    private static Map<String, Object> signature(Signature s) {
        return Map.of("inputs", s.inputs().stream().map(InfoCommand::tensor).toList(),
                "outputs", s.outputs().stream().map(InfoCommand::tensor).toList());
    }

    private static Map<String, Object> tensor(TensorSpec t) {
        List<Object> shape = new ArrayList<>();
        String[] names = t.dimNames();
        for (int i = 0; i < t.rank(); i++) {
            shape.add(t.dim(i) >= 0 ? (Object) t.dim(i) : (names[i].isEmpty() ? "?" : names[i]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("dtype", t.type().label());
        m.put("shape", shape);
        return m;
    }

    private static void printText(PrintWriter out, ModelFolder folder) throws JsonProcessingException {
        ModelGeometry g = folder.geometry();
        out.println("model:           " + folder.root());
        out.println("family:          " + folder.family().label() + " (" + folder.family().name() + ")");
        out.println("prediction type: " + folder.predictionType());
        out.println("scheduler:       " + folder.schedulerClass());
        out.printf("latents:         %d channels, VAE x%d, scaling factor %s%n", g.latentChannels(), g.vaeScaleFactor(),
                g.scalingFactor());
        out.printf("size:            native %dx%d, multiple of %d%n", g.sampleWidth(), g.sampleHeight(), g.sizeMultiple());
        out.printf("defaults:        %d steps, cfg %s, %dx%d%s%n", folder.defaults().steps(), folder.defaults().guidance(),
                folder.defaults().width(), folder.defaults().height(),
                folder.defaults().scheduler() == null ? "" : ", " + folder.defaults().scheduler());
        out.println("components:");
        for (Component c : Component.values()) {
            if (!folder.has(c)) {
                continue;
            }
            out.println("  " + c.dirName() + "/");
            if (c.isOnnx()) {
                Signature s = folder.signature(c);
                s.inputs().forEach(t -> out.println("    in  " + t));
                s.outputs().forEach(t -> out.println("    out " + t));
            }
        }
        out.println("scheduler config:");
        for (String line : JSON.writeValueAsString(folder.schedulerConfig()).split("\\R")) {
            out.println("  " + line);
        }
    }
}
