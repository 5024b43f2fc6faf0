package io.sluice.connectors.nexmark;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The Nexmark model's random text, made cheaply: ASCII bytes into a compact string, one random draw
 * per character for words and one per 13 characters for the padding in {@code extra}.
 */
final class RandomText {
    private static final int MIN_WORD_LENGTH = 3;
    /** 26 letters plus, one time in 13, a space: one draw from {@code 26 * 13}. */
    private static final int LETTER_OR_SPACE = 26 * 13;
    /** 26^13 is below 2^63, so 63 random bits give 13 letters. */
    private static final int LETTERS_PER_DRAW = 13;

    private RandomText() {
    }

    /** Lower-case letters with a space now and then, 3 to {@code maxLength - 1} long before trimming. */
    static String words(SplittableRandom random, int maxLength) {
        return words(random, maxLength, ' ');
    }

    static String words(SplittableRandom random, int maxLength, char space) {
        int length = MIN_WORD_LENGTH + random.nextInt(maxLength - MIN_WORD_LENGTH);
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            int draw = random.nextInt(LETTER_OR_SPACE);
            text[i] = draw < 26 ? (byte) space : (byte) ('a' + draw % 26);
        }
        int start = 0;
        int end = length;
        if (space == ' ') {
            while (start < end && text[start] == ' ') {
                start++;
            }
            while (end > start && text[end - 1] == ' ') {
                end--;
            }
        }
        return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Exactly {@code length} lower-case letters. */
    static String letters(SplittableRandom random, int length) {
        byte[] text = new byte[length];
        long bits = 0;
        int left = 0;
        for (int i = 0; i < length; i++) {
            if (left == 0) {
                bits = random.nextLong() >>> 1;
                left = LETTERS_PER_DRAW;
            }
            text[i] = (byte) ('a' + bits % 26);
            bits /= 26;
            left--;
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /**
     * Padding that brings an event of {@code currentSize} bytes to {@code averageSize} on average:
     * uniformly within 20% of the missing size.
     */
    static String extra(SplittableRandom random, int currentSize, int averageSize) {
        if (currentSize > averageSize) {
            return "";
        }
        int missing = averageSize - currentSize;
        int delta = (int) Math.round(missing * 0.2);
        int size = missing - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
        return letters(random, size);
    }

    /** {@code value} as exactly four digits, with leading zeros. */
    static void appendFourDigits(StringBuilder sb, int value) {
        sb.append((char) ('0' + value / 1000)).append((char) ('0' + value / 100 % 10))
                .append((char) ('0' + value / 10 % 10)).append((char) ('0' + value % 10));
    }
}
