package dev.atelier.onnx;

import java.util.Locale;

/** Where ONNX Runtime executes: its execution provider. */
public enum Device {
    CPU("cpu", "CPUExecutionProvider"),
    CUDA("cuda", "CUDAExecutionProvider");

    private final String cliName;
    private final String providerName;

    Device(String cliName, String providerName) {
        this.cliName = cliName;
        this.providerName = providerName;
    }

    public String cliName() {
        return cliName;
    }

    /** ONNX Runtime's name for the provider. */
    public String providerName() {
        return providerName;
    }

    public static Device fromCliName(String name) {
        for (Device d : values()) {
            if (d.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown device '" + name + "', expected cpu or cuda");
    }
}
