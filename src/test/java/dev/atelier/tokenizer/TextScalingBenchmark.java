package dev.atelier.tokenizer;

import dev.atelier.prompt.PromptFragment;
import dev.atelier.prompt.PromptParser;
import dev.atelier.prompt.PromptSchedule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time of the text routines on the huge inputs the unit tests check for linear work
 * ({@link WorkGrowth}): 10 000 and 100 000 characters, so the two rows show the growth. Not a test:
 * run {@code main} with the test classpath (see docs/PERFORMANCE.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextScalingBenchmark {
    @Param({"10000", "100000"})
    public int chars;

    private ClipTokenizer tokenizer;
    private String prompt;
    private String schedule;
    private String oneWord;

    @Setup
    public void setUp() {
        tokenizer = ClipTokenizer.load(ReferenceTokenizers.clipTokenizerDir());
        prompt = "a (red:1.3) [cat], \\(x\\) BREAK 😀 ((dog)) ".repeat(chars / 10).substring(0, chars);
        schedule = "a [cat:dog:0.5] (red:1.2), ".repeat(chars / 25);
        oneWord = "x".repeat(chars);
    }

    @TearDown
    public void tearDown() {
        tokenizer.close();
    }

    @Benchmark
    public List<PromptFragment> parse() {
        return PromptParser.parse(prompt);
    }

    @Benchmark
    public PromptSchedule schedule() {
        return PromptSchedule.of(schedule, 30);
    }

    @Benchmark
    public List<Token> tokenizeMixed() {
        return tokenizer.tokenize(prompt);
    }

    @Benchmark
    public List<Token> tokenizeOneWord() {
        return tokenizer.tokenize(oneWord);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(TextScalingBenchmark.class.getSimpleName()).build()).run();
    }
}
