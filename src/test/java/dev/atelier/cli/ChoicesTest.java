package dev.atelier.cli;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enum-valued options accept, list and document exactly the enums' constants. */
class ChoicesTest {

    /** Every constant parses from its CLI name (also upper case, padded), and a bad value's message lists them all. */
    private static <E extends Enum<E>> void acceptsAndListsEveryConstant(E[] constants, Function<E, String> cliName,
                                                                      Function<String, E> parse, String option) {
        for (E c : constants) {
            assertEquals(c, parse.apply(cliName.apply(c)), cliName.apply(c));
            assertEquals(c, parse.apply(" " + cliName.apply(c).toUpperCase(Locale.ROOT) + " "), "case and blanks");
        }
        UsageException e = assertThrows(UsageException.class, () -> parse.apply("no-such-value"));
        assertTrue(e.getMessage().startsWith(option + ": unknown 'no-such-value', expected one of "), e.getMessage());
        for (E c : constants) {
            assertTrue(e.getMessage().contains(cliName.apply(c)), cliName.apply(c) + " listed in: " + e.getMessage());
        }
    }

    @Test
    void schedulers() {
        acceptsAndListsEveryConstant(SchedulerKind.values(), SchedulerKind::cliName, Choices::scheduler, "--scheduler");
        assertEquals(SchedulerKind.EULER_ANCESTRAL, Choices.scheduler("euler_a"), "_ for -");
        assertNull(Choices.scheduler(null), "absent = the model's own");
    }

    @Test
    void timestepSpacings() {
        acceptsAndListsEveryConstant(TimestepSpacing.values(), TimestepSpacing::configName, Choices::spacing,
                "--timestep-spacing");
        assertNull(Choices.spacing(null));
    }

    @Test
    void emphasisModes() {
        acceptsAndListsEveryConstant(Emphasis.values(), Choices::emphasisName, Choices::emphasis, "--emphasis");
        assertEquals("no-norm", Choices.emphasisName(Emphasis.NO_NORM));
        assertEquals(Emphasis.NO_NORM, Choices.emphasis("NO_NORM"));
    }

    @Test
    void devices() {
        acceptsAndListsEveryConstant(Device.values(), Device::cliName, Choices::device, "--device");
    }

    @Test
    void theCommandLineReportsABadValueWithTheFullList(@TempDir Path temp) {
        CliRun run = CliRun.of("generate", "--model", Fixtures.fixture(Fixtures.SD15).toString(), "--prompt", "x",
                "--out", temp.resolve("a.png").toString(), "--scheduler", "heun");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines(), run.err());
        for (SchedulerKind k : SchedulerKind.values()) {
            assertTrue(run.err().contains(k.cliName()), k + " in: " + run.err());
        }
    }

    @Test
    void helpListsEveryConstant() {
        CliRun help = CliRun.of("generate", "--help");
        assertEquals(0, help.exitCode(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        String schedulers = String.join(", ", Choices.names(SchedulerKind.values(), SchedulerKind::cliName));
        assertTrue(text.contains(schedulers + " (default: the model's)"), text);
        for (TimestepSpacing s : TimestepSpacing.values()) {
            assertTrue(text.contains(s.configName()), s.configName());
        }
        assertTrue(text.contains("original, no-norm, none (default: original)"), text);
        assertTrue(text.contains("cpu, cuda (cuda falls back"), text);
    }

    @Test
    void emptyAndMissingPaths(@TempDir Path temp) {
        assertTrue(assertThrows(UsageException.class, () -> Choices.path("--out", " ")).getMessage()
                .contains("--out: empty value"));
        UsageException e = assertThrows(UsageException.class, () -> Choices.modelDir(temp.resolve("gone").toString()));
        assertTrue(e.getMessage().startsWith("--model: "), e.getMessage());
        assertTrue(e.getMessage().contains("gone is not a folder; expected a model folder"), e.getMessage());
        assertEquals(temp, Choices.modelDir(temp.toString()));
    }
}
