package dev.atelier.metadata;

/** The program that wrote an image's generation metadata. */
public enum SourceTool {
    ATELIER, A1111, COMFYUI, INVOKEAI, FOOOCUS, SWARMUI,
    /** Metadata of no known tool (or none). */
    UNKNOWN
}
