package dev.atelier.pipeline;

/**
 * Encoded text for the U-Net, batch 1 each. Sequence length is 77 × chunk count.
 *
 * @param cond         positive hidden states {@code [seq, width]}
 * @param uncond       negative hidden states, same shape, or {@code null} without CFG
 * @param sequence     tokens per prompt (77 · chunks)
 * @param width        hidden width (768, 1024, 2048 for SDXL, …)
 * @param pooled       SDXL pooled {@code text_embeds} of the prompt, or {@code null}
 * @param pooledUncond SDXL pooled embeds of the negative prompt, or {@code null}
 */
record Conditioning(float[] cond, float[] uncond, int sequence, int width, float[] pooled, float[] pooledUncond) {
    Conditioning {
        if (cond.length != sequence * width || (uncond != null && uncond.length != cond.length)) {
            throw new IllegalArgumentException("conditioning must be " + sequence + "x" + width);
        }
    }

    boolean guided() {
        return uncond != null;
    }
}
