package dev.atelier.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value splitting and A1111 ranges (FORMATS.md §1.3, scripts/xyz_grid.py re_range/re_range_count). */
class AxisValuesTest {
    @Test
    void commasSeparateWhenThereIsNoBar() {
        assertEquals(List.of("ddim", "euler-a", "dpmpp-2m"), AxisValues.split("ddim, euler-a ,dpmpp-2m"));
    }

    @Test
    void aBarSeparatesSoValuesMayHoldCommas() {
        assertEquals(List.of("watercolor, soft", "pixel art"), AxisValues.split("watercolor, soft | pixel art"));
    }

    @Test
    void quotedValuesKeepTheSeparatorAndDoubledQuotes() {
        assertEquals(List.of("a, b", "say \"hi\"", "c"), AxisValues.split("\"a, b\", \"say \"\"hi\"\"\", c"));
    }

    @Test
    void blankValuesAreDropped() {
        assertEquals(List.of("1", "2"), AxisValues.split("1,, 2,"));
        assertEquals(List.of(), AxisValues.split("  "));
    }

    @Test
    void anUnclosedQuoteIsOneClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AxisValues.split("\"a, b"));
        assertTrue(e.getMessage().contains("a quote is not closed"), e.getMessage());
    }

    @Test
    void wholeNumberRanges() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), AxisValues.longs("seed", List.of("1-8")));
        assertEquals(List.of(1L, 4L, 7L, 10L), AxisValues.longs("seed", List.of("1-10 (+3)")));
        // A1111 wiki: "10-5 (-3)" = 10, 7
        assertEquals(List.of(10L, 7L), AxisValues.longs("seed", List.of("10-5 (-3)")));
        // stops at the end value where A1111's range(start, end + step, step) would also give 11
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), AxisValues.longs("seed", List.of("1-10 (+2)")));
        assertEquals(List.of(5L, 4L, 3L), AxisValues.longs("seed", List.of("5-3")));
    }

    @Test
    void countRangesAreTruncatedLinspace() {
        // numpy: np.linspace(1, 10, 5).astype(int) = [1, 3, 5, 7, 10]
        assertEquals(List.of(1L, 3L, 5L, 7L, 10L), AxisValues.longs("steps", List.of("1-10 [5]")));
        assertEquals(List.of(7L), AxisValues.longs("steps", List.of("7-9 [1]")));
    }

    @Test
    void listsAndRangesMix() {
        assertEquals(List.of(42L, 1L, 2L, 3L), AxisValues.longs("seed", List.of("42", "1-3")));
    }

    @Test
    void floatRanges() {
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), AxisValues.doubles("guidance", List.of("0.0-1.0 (+0.25)")));
        // np.linspace(5, 7.5, 3) = [5.0, 6.25, 7.5]
        assertEquals(List.of(5.0, 6.25, 7.5), AxisValues.doubles("guidance", List.of("5-7.5 [3]")));
        assertEquals(List.of(3.0, 7.5), AxisValues.doubles("guidance", List.of("3", "7.5")));
    }

    @Test
    void badNumbersAndRangesSayWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AxisValues.longs("seed", List.of("abc")));
        assertEquals("seed value \"abc\" is not a number or a range; expected e.g. 7, 1-8, 1-10 (+2) or 1-10 [5]",
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.longs("steps", List.of("2.5")))
                .getMessage().contains("whole numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.longs("seed", List.of("1-10 (-2)")))
                .getMessage().contains("never reaches its end"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.longs("seed", List.of("1-10 [0]")))
                .getMessage().contains("no values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AxisValues.longs("seed", List.of("1-100000")))
                .getMessage().contains("more than"));
    }
}
