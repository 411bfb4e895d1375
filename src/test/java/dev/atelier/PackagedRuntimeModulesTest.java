package dev.atelier;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app's jlinked runtime holds only the modules pom.xml lists in {@code package.modules}.
 * Atelier's own classes must need nothing else: a missing module fails only in the packaged app, at
 * run time (it happened: {@code com.sun.management.OperatingSystemMXBean}, module jdk.management,
 * for the default memory budget, made the packaged window fail to start).
 */
class PackagedRuntimeModulesTest {
    @Test
    void everyJdkModuleOurClassesUseIsInThePackagedRuntime() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<package.modules>([^<]+)</package.modules>").matcher(pom);
        assertTrue(m.find(), "pom.xml names the packaged runtime's modules");
        Set<String> packaged = Set.copyOf(Arrays.asList(m.group(1).strip().split(",")));

        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--print-module-deps",
                "--ignore-missing-deps", "--multi-release", "21", "target/classes");
        assertEquals(0, rc, err.toString());
        List<String> needed = Arrays.stream(out.toString().strip().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        assertTrue(needed.contains("java.base"), "jdeps printed " + out);
        List<String> missing = needed.stream().filter(mod -> !packaged.contains(mod)).toList();
        assertEquals(List.of(), missing, "JDK modules Atelier's classes use but the packaged runtime lacks");
    }
}
