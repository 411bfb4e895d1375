package dev.atelier.cli;

import dev.atelier.compare.CellSettings;
import dev.atelier.compare.StructuredPrompt;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationRequest;

import java.util.Locale;

/** The base settings of {@code compare} and {@code ablate}: the model, the prompt (plain or structured), the sampling options. */
final class GridBase {
    private GridBase() {
    }

    /** Checked like {@code generate}'s request (the model's limits), with {@code size} (WxH) setting width and height. */
    static CellSettings settings(ModelOptions model, String prompt, PromptFieldOptions fields, SamplingOptions sampling,
                                 String size) {
        applySize(sampling, size);
        StructuredPrompt structured = fields.structured(prompt, sampling.negative);
        ModelFolder folder = model.folder();
        sampling.negative = structured.negative().isEmpty() ? null : structured.negative();
        GenerationRequest request = sampling.request(structured.positive(), folder);
        String dir = model.model != null ? model.model : EmbeddedModels.defaultModel().toString();
        return new CellSettings(dir, request, structured);
    }

    private static void applySize(SamplingOptions sampling, String size) {
        if (size == null) {
            return;
        }
        String[] wh = size.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            sampling.width = Integer.parseInt(wh[0].strip());
            sampling.height = Integer.parseInt(wh[1].strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--size: '" + size + "' is not WIDTHxHEIGHT, e.g. 512x512");
        }
    }
}
