package dev.atelier.pipeline;

/**
 * LCM's guidance-scale embedding ({@code timestep_cond}), as diffusers'
 * {@code get_guidance_scale_embedding(w, embedding_dim)}: w·1000, then sin/cos features, float32.
 */
final class GuidanceEmbedding {
    private GuidanceEmbedding() {
    }

    /** The embedding of guidance scale {@code guidance} (the pipeline passes w = guidance − 1). */
    static float[] of(float w, int dim) {
        float scaled = w * 1000f;
        int half = dim / 2;
        float logBase = (float) Math.log(10000.0);
        float step = logBase / (half - 1);
        float[] out = new float[dim]; // odd dim: diffusers pads one zero at the end
        for (int i = 0; i < half; i++) {
            float freq = (float) Math.exp(i * -step);
            float arg = scaled * freq;
            out[i] = (float) Math.sin(arg);
            out[half + i] = (float) Math.cos(arg);
        }
        return out;
    }
}
