package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scheduler configs built to exhaust memory or poison the schedule are refused naming file and key (issue 15). */
class HostileSchedulerConfigTest {
    @TempDir
    Path dir;

    private String fails(String json) throws IOException {
        Path file = dir.resolve("scheduler_config.json");
        Files.writeString(file, json);
        SchedulerConfigException e = assertThrows(SchedulerConfigException.class,
                () -> SchedulerConfig.fromFile(file, null));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void hugeTimestepCountsAreRefusedBeforeAllocating() throws IOException {
        assertTrue(fails("{\"num_train_timesteps\": 2147483647}").contains("num_train_timesteps must be from 2 to 100000"));
        assertTrue(fails("{\"num_train_timesteps\": 1e300}").contains("\"num_train_timesteps\" must be an integer"));
    }

    @Test
    void betasMustBeProbabilities() throws IOException {
        assertTrue(fails("{\"beta_start\": NaN}").contains("beta_start must be a number from 0"));
        assertTrue(fails("{\"beta_end\": 1.5}").contains("beta_end"));
        String message = fails("{\"num_train_timesteps\": 3, \"trained_betas\": [0.1, NaN, 0.2]}");
        assertTrue(message.contains("trained_betas[1]"), message);
        assertTrue(fails("{\"_class_name\": \"EulerDiscreteScheduler\", \"sigma_max\": Infinity}").contains("sigma_max"));
        assertTrue(fails("{\"_class_name\": \"LCMScheduler\", \"timestep_scaling\": -1}").contains("timestep_scaling"));
    }

    @Test
    void nullsNameTheFile() throws IOException {
        assertTrue(fails("null").contains("expected a JSON object, found null"));
        assertTrue(fails("{\"beta_schedule\": \"x\".}").contains("Invalid JSON"));
        // a null value is "not set", as in diffusers
        Path file = dir.resolve("ok.json");
        Files.writeString(file, "{\"beta_start\": null, \"num_train_timesteps\": null}");
        SchedulerConfig.fromFile(file, SchedulerKind.DDIM);
    }

    @Test
    void longValuesAreQuotedShort() throws IOException {
        String message = fails("{\"timestep_spacing\": \"" + "s".repeat(100_000) + "\"}");
        assertTrue(message.length() < 1000 && message.contains("(100000 characters)"), message);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang only
    void fifosAndGiantsAreRefusedUnread() throws Exception {
        Path file = dir.resolve("scheduler_config.json");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(10L << 30); // sparse
        }
        SchedulerConfigException e = assertThrows(SchedulerConfigException.class, () -> SchedulerConfig.readJson(file));
        assertTrue(e.getMessage().contains("expected at most"), e.getMessage());
        Files.delete(file);
        Process p = new ProcessBuilder("mkfifo", file.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        e = assertThrows(SchedulerConfigException.class, () -> SchedulerConfig.readJson(file));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
