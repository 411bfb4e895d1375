package dev.atelier.preset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A named structured prompt with optional settings, as the library keeps it and the exchange
 * formats carry it. Times live in {@link LibraryEntry}, not here, so an import of the same file
 * twice gives equal presets.
 *
 * @param name      non-blank, no line breaks
 * @param joinRule  how a {@code {prompt}}-less text joins what is there (the tool it came from)
 * @param tags      sorted, unique, non-blank
 * @param note      free text, may be ""
 * @param thumbnail PNG bytes or null
 * @param folder    "" for the top level; folders nest with {@code /}
 */
public record Preset(String name, PresetPrompt prompt, PresetSettings settings, JoinRule joinRule,
                     List<String> tags, String note, byte[] thumbnail, boolean favourite, String folder) {

    public Preset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("preset name must not be blank");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("preset name must be one line, got '" + name.replace("\n", "\\n") + "'");
        }
        Objects.requireNonNull(prompt, "prompt");
        settings = Objects.requireNonNullElse(settings, PresetSettings.NONE);
        joinRule = Objects.requireNonNullElse(joinRule, JoinRule.A1111);
        TreeSet<String> sorted = new TreeSet<>();
        for (String tag : Objects.requireNonNullElse(tags, List.<String>of())) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("preset '" + name + "' has a blank tag");
            }
            sorted.add(tag.strip());
        }
        tags = List.copyOf(sorted);
        note = Objects.requireNonNullElse(note, "");
        thumbnail = thumbnail == null ? null : thumbnail.clone();
        folder = Objects.requireNonNullElse(folder, "").strip();
    }

    /** A style from another tool: name, positive and negative text only. */
    public static Preset style(String name, String positive, String negative, JoinRule rule) {
        return new Preset(name, PresetPrompt.style(positive, negative), null, rule, List.of(), "", null, false, "");
    }

    @Override
    public byte[] thumbnail() {
        return thumbnail == null ? null : thumbnail.clone();
    }

    public Preset withName(String newName) {
        return new Preset(newName, prompt, settings, joinRule, tags, note, thumbnail, favourite, folder);
    }

    public Preset withFavourite(boolean value) {
        return new Preset(name, prompt, settings, joinRule, tags, note, thumbnail, value, folder);
    }

    public Preset withThumbnail(byte[] png) {
        return new Preset(name, prompt, settings, joinRule, tags, note, png, favourite, folder);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preset p && name.equals(p.name) && prompt.equals(p.prompt) && settings.equals(p.settings)
                && joinRule == p.joinRule && tags.equals(p.tags) && note.equals(p.note)
                && Arrays.equals(thumbnail, p.thumbnail) && favourite == p.favourite && folder.equals(p.folder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, prompt, settings, joinRule, tags, note, Arrays.hashCode(thumbnail), favourite, folder);
    }

    @Override
    public String toString() {
        return "Preset[" + name + ", " + prompt + ", " + settings + ", " + joinRule + ", tags=" + tags + "]";
    }
}
