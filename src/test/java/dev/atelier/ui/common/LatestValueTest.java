package dev.atelier.ui.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatestValueTest {

    @Test
    void aBurstSchedulesOneDeliveryOfTheNewestValue() {
        Queue<Runnable> uiQueue = new ArrayDeque<>();
        List<Integer> delivered = new ArrayList<>();
        LatestValue<Integer> latest = new LatestValue<>(uiQueue::add, delivered::add);
        for (int i = 1; i <= 100; i++) {
            latest.offer(i);
        }
        assertEquals(1, uiQueue.size(), "one pending delivery, however many values arrived");
        uiQueue.poll().run();
        assertEquals(List.of(100), delivered);
    }

    @Test
    void valuesAfterADeliveryScheduleTheNextOne() {
        Queue<Runnable> uiQueue = new ArrayDeque<>();
        List<String> delivered = new ArrayList<>();
        LatestValue<String> latest = new LatestValue<>(uiQueue::add, delivered::add);
        latest.offer("a");
        uiQueue.poll().run();
        latest.offer("b");
        latest.offer("c");
        assertEquals(1, uiQueue.size());
        uiQueue.poll().run();
        assertEquals(List.of("a", "c"), delivered);
    }
}
