package dev.atelier.onnx;

/**
 * Sizes of a model's latent space.
 *
 * @param latentChannels channels of the U-Net sample (4 for SD/SDXL)
 * @param vaeScaleFactor pixels per latent cell: 2^(len(vae block_out_channels) - 1)
 * @param scalingFactor  VAE {@code scaling_factor}; latents are divided by it before decoding
 * @param sizeMultiple   width and height must be multiples of this (VAE factor × U-Net downsampling)
 * @param sampleWidth    the model's native width in pixels
 * @param sampleHeight   the model's native height in pixels
 */
public record ModelGeometry(int latentChannels, int vaeScaleFactor, float scalingFactor, int sizeMultiple,
                            int sampleWidth, int sampleHeight) {
    public ModelGeometry {
        if (latentChannels < 1 || vaeScaleFactor < 1 || sizeMultiple < 1 || sampleWidth < 1 || sampleHeight < 1) {
            throw new IllegalArgumentException("model geometry must be positive");
        }
        if (!(scalingFactor > 0) || !Float.isFinite(scalingFactor)) {
            throw new IllegalArgumentException("VAE scaling factor must be positive, got " + scalingFactor);
        }
    }
}
