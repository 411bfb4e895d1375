package dev.atelier.ui.composer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DebouncedTokenCountingTest {

    private static PromptFields subject(String text) {
        Map<ComposerField, String> values = new EnumMap<>(ComposerField.class);
        values.put(ComposerField.SUBJECT, text);
        return PromptFields.of(values, null);
    }

    @Test
    void aBurstIsCountedOnceOffTheCallersThreadAndTheNewestWins() throws Exception {
        ScheduledExecutorService counter = Executors.newSingleThreadScheduledExecutor();
        // the "UI thread" is a queue the test drains itself, so every assertion runs on the test thread
        LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
        List<ComposerTokenBudget> delivered = new ArrayList<>();
        List<String> countedOn = new ArrayList<>();
        try {
            DebouncedTokenCounting counting = new DebouncedTokenCounting(counter, ui::add, 50);
            StringBuilder typed = new StringBuilder();
            for (char c : "a large red star".toCharArray()) {
                typed.append(c);
                counting.request(subject(typed.toString()), null, b -> {
                    delivered.add(b);
                    countedOn.add(Thread.currentThread().getName());
                });
            }
            Runnable first = ui.poll(10, TimeUnit.SECONDS);
            first.run();
            // any further delivery would have been queued by now: the counter thread is idle
            counter.submit(() -> { }).get(10, TimeUnit.SECONDS);
            Runnable more = ui.poll();
            if (more != null) {
                more.run();
            }
        } finally {
            counter.shutdownNow();
        }
        assertEquals(1, delivered.size(), "one count for the burst");
        assertEquals("a large red star", delivered.getFirst().prompt().prompt(), "the newest text");
        assertEquals(Thread.currentThread().getName(), countedOn.getFirst(), "delivered on the UI executor");
    }
}
