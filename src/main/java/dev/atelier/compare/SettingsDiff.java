package dev.atelier.compare;

import dev.atelier.pipeline.GenerationRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The settings that differ between two cells, as rows of a table (model, seed, each prompt field, …). */
public final class SettingsDiff {
    /** One differing setting: its name and the left and right values as shown. */
    public record SettingDifference(String setting, String left, String right) {
    }

    private SettingsDiff() {
    }

    public static List<SettingDifference> of(CellSettings left, CellSettings right) {
        Map<String, String> a = table(left);
        Map<String, String> b = table(right);
        List<SettingDifference> rows = new ArrayList<>();
        a.forEach((name, value) -> {
            if (!Objects.equals(value, b.get(name))) {
                rows.add(new SettingDifference(name, value, b.get(name)));
            }
        });
        return rows;
    }

    /** Every setting of a cell by display name, in a fixed order; "" for an empty field or the model's own choice. */
    static Map<String, String> table(CellSettings s) {
        GenerationRequest r = s.request();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("model", s.model());
        for (PromptPart p : PromptPart.values()) {
            t.put(p.axisName(), s.prompt().text(p));
        }
        t.put("seed", String.valueOf(r.seed()));
        t.put("steps", String.valueOf(r.steps()));
        t.put("guidance", String.valueOf(r.guidance()));
        t.put("scheduler", r.scheduler() == null ? "" : r.scheduler().cliName());
        t.put("timestep spacing", r.timestepSpacing() == null ? "" : r.timestepSpacing().name().toLowerCase(java.util.Locale.ROOT));
        t.put("size", r.width() + "x" + r.height());
        t.put("emphasis", r.emphasis().name().toLowerCase(java.util.Locale.ROOT));
        return t;
    }
}
