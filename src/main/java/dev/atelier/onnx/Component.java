package dev.atelier.onnx;

/** The sub-folders of a diffusers/optimum ONNX model folder that Atelier reads. */
public enum Component {
    TOKENIZER("tokenizer", false),
    TOKENIZER_2("tokenizer_2", false),
    TEXT_ENCODER("text_encoder", true),
    TEXT_ENCODER_2("text_encoder_2", true),
    UNET("unet", true),
    VAE_DECODER("vae_decoder", true);

    private final String dirName;
    private final boolean onnx;

    Component(String dirName, boolean onnx) {
        this.dirName = dirName;
        this.onnx = onnx;
    }

    /** Sub-folder name, also the key in {@code model_index.json}. */
    public String dirName() {
        return dirName;
    }

    /** Whether this component is an ONNX graph ({@code model.onnx}) rather than tokenizer files. */
    public boolean isOnnx() {
        return onnx;
    }
}
