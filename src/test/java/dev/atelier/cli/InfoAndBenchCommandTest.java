package dev.atelier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.onnx.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoAndBenchCommandTest {

    @Test
    void infoJsonDescribesFamilySessionsAndScheduler() throws IOException {
        CliRun run = CliRun.of("info", "--json", "--model", Fixtures.fixture(Fixtures.SDXL).toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode info = new ObjectMapper().readTree(run.out());
        assertEquals("SDXL", info.get("family").asText());
        assertEquals("epsilon", info.get("prediction_type").asText());
        List<String> inputs = new ArrayList<>();
        info.at("/sessions/unet/inputs").forEach(n -> inputs.add(n.get("name").asText()));
        assertEquals(List.of("sample", "timestep", "encoder_hidden_states", "text_embeds", "time_ids"), inputs);
        JsonNode timestep = info.at("/sessions/unet/inputs/1");
        assertEquals("float32", timestep.get("dtype").asText());
        assertEquals(0, timestep.get("shape").size(), "scalar");
        assertEquals("batch", info.at("/sessions/unet/inputs/0/shape/0").asText());
        assertEquals("int64", info.at("/sessions/text_encoder_2/inputs/0/dtype").asText());
        assertEquals("EulerDiscreteScheduler", info.at("/scheduler_config/_class_name").asText());
        assertTrue(info.get("components").toString().contains("tokenizer_2"));
        assertEquals(32, info.at("/geometry/size_multiple").asInt());
    }

    @Test
    void infoTextListsEverySignature() {
        CliRun run = CliRun.of("info", "--model", Fixtures.fixture(Fixtures.SD2V).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("family:          SD 2.x (SD2)"), run.out());
        assertTrue(run.out().contains("in  timestep: int64 [batch]"), run.out());
        assertTrue(run.out().contains("\"prediction_type\" : \"v_prediction\""), run.out());
    }

    @Test
    void benchSplitsOrtFromEverythingElse() {
        CliRun run = CliRun.of("bench", "--model", Fixtures.fixture(Fixtures.SD15).toString(), "--steps", "2",
                "--runs", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("no previews"), run.out());
        assertTrue(run.out().lines().filter(l -> l.startsWith("previews")).count() == 2, run.out());
    }

    @Test
    void benchAgainstBarePrintsPairedRatiosPerSize() {
        CliRun run = CliRun.of("bench", "--against-bare", "--model", Fixtures.fixture(Fixtures.SD15).toString(),
                "--sizes", "64,128", "--steps", "2", "--pairs", "2", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wall ratio"), run.out());
        assertTrue(run.out().contains("bare steps other cpu ms"), "the per-step floor is printed: " + run.out());
        for (String size : List.of("64x64", "128x128")) {
            assertEquals(2, run.out().lines().filter(l -> l.contains(size + " pair")).count(), run.out());
            List<String> rows = run.out().lines().filter(l -> l.startsWith(size + " ")).toList();
            assertEquals(2, rows.size(), "printed when the size is done and again in the summary: " + run.out());
            String row = rows.getFirst();
            assertTrue(row.matches(size + "\\s+2\\s+\\d+\\s+\\d+\\s+\\d+\\.\\d{3} .*"), row);
        }
    }

    @Test
    void badThreadSettingsAreOneLineUsageErrors() {
        CliRun threads = CliRun.of("bench", "--threads", "-1");
        assertEquals(2, threads.exitCode());
        assertEquals(1, threads.errLines(), threads.err());
        assertTrue(threads.err().contains("--threads"), threads.err());
        CliRun spin = CliRun.of("bench", "--spin", "sometimes");
        assertEquals(2, spin.exitCode());
        assertTrue(spin.err().contains("--spin must be on or off"), spin.err());
    }

    @Test
    void unknownSubcommandAndHelp() {
        CliRun bad = CliRun.of("paint");
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines(), bad.err());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        for (String sub : List.of("generate", "tokenize", "info", "bench", "ui")) {
            assertTrue(help.out().contains(sub), sub);
        }
    }
}
