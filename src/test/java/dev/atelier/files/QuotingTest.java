package dev.atelier.files;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class QuotingTest {
    @Test
    void quotingKeepsMessagesShortAndOnOneLine() {
        assertEquals("\"abc\"", Quoting.quote("abc"));
        assertEquals("\"a\\u000ab\"", Quoting.quote("a\nb"));
        String cut = Quoting.quote("y".repeat(1_000_000));
        assertEquals("\"" + "y".repeat(Quoting.MAX_CHARS) + "... (1000000 characters)\"", cut);
        // a surrogate pair straddling the cut is not split
        String emoji = "y".repeat(Quoting.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
        assertFalse(Quoting.truncate(emoji).contains("\uD83D"), Quoting.truncate(emoji));
    }
}
