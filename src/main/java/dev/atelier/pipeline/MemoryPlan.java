package dev.atelier.pipeline;

import dev.atelier.onnx.ModelFolder;

/**
 * How one generation stays within the memory budget, chosen from the {@link MemoryEstimate} before
 * anything runs. The default path — one batch-2 U-Net call for CFG, a whole decode — is kept whenever
 * it fits (its pixels are the parity-tested ones); the levers come in only as the budget needs them:
 * first the CFG halves as two batch-1 calls (half the U-Net's activations, pixels within one 8-bit
 * level), then the decode in tiles. Between the stages the U-Net's arena always hands its free memory
 * back, so the decode's peak does not stack on the U-Net's (the estimate assumes that).
 *
 * @param estimate   the estimate the generation runs under (batch 1 when {@code splitCfg})
 * @param splitCfg   run uncond and cond as two batch-1 U-Net calls
 * @param decodeTile latent tile side of the decode: 0 = whole, -1 = the budget cannot be met
 */
public record MemoryPlan(MemoryEstimate estimate, boolean splitCfg, int decodeTile) {
    public MemoryPlan {
        if (estimate == null) {
            throw new IllegalArgumentException("a memory plan needs an estimate");
        }
        if (decodeTile < -1) {
            throw new IllegalArgumentException("decode tile must be -1, 0 or a side, got " + decodeTile);
        }
    }

    /** The plan for {@code width × height} on {@code folder} within {@code budgetBytes}. */
    public static MemoryPlan choose(ModelFolder folder, int width, int height, boolean guided, long budgetBytes) {
        MemoryEstimate batched = MemoryEstimate.of(folder, width, height, guided);
        boolean split = guided && batched.unetPeakBytes() > budgetBytes;
        MemoryEstimate e = split ? MemoryEstimate.of(folder, width, height, false) : batched;
        return new MemoryPlan(e, split, e.decodeTile(folder, width, height, budgetBytes));
    }

    /** Whether the generation fits the budget this way (the U-Net, and the decode whole or in tiles). */
    public boolean fits(long budgetBytes) {
        return estimate.unetPeakBytes() <= budgetBytes && decodeTile >= 0;
    }
}
