package io.sluice.connectors.datagen;

import java.util.SplittableRandom;

/** A random value of a column, null with probability {@code nullRate}. */
final class RandomGenerator implements FieldGenerator {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Draws one non-null value. */
    interface Draw {
        Object draw(SplittableRandom random, long nowMillis);
    }

    private final Draw draw;
    private final double nullRate;

    RandomGenerator(Draw draw, double nullRate) {
        this.draw = draw;
        this.nullRate = nullRate;
    }

    @Override
    public Object generate(long rowIndex, SplittableRandom random, long nowMillis) {
        if (nullRate > 0 && random.nextDouble() < nullRate) {
            return null;
        }
        return draw.draw(random, nowMillis);
    }

    /** Uniform in {@code [min, max]}, both inclusive. */
    static long nextLong(SplittableRandom random, long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return random.nextLong();
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return random.nextLong(min - 1, max) + 1;
    }

    /** Uniform in {@code [min, max]}; safe when {@code max - min} overflows. */
    static double nextDouble(SplittableRandom random, double min, double max) {
        double r = random.nextDouble();
        double value = min + r * max - r * min;
        return Math.min(max, Math.max(min, value));
    }

    static String hexString(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = HEX[random.nextInt(16)];
        }
        return new String(chars);
    }
}
