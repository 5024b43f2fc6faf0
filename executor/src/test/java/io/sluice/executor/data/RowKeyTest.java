package io.sluice.executor.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowKeyTest {

    private static RowKey key(Object... values) {
        int[] fields = new int[values.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = i;
        }
        return RowKey.of(values, fields);
    }

    @Test
    void shouldBeEqualAndHashEquallyForEqualValues() {
        assertThat(key("a", 1L, true)).isEqualTo(key("a", 1L, true)).hasSameHashCodeAs(key("a", 1L, true));
        assertThat(key("a", null)).isEqualTo(key("a", null)).hasSameHashCodeAs(key("a", null));
        assertThat(key("a", 1L)).isNotEqualTo(key(1L, "a"));
        assertThat(key("a", null)).isNotEqualTo(key(null, "a"));
    }

    @Test
    void shouldTreatDecimalsOfDifferentScaleAsTheSameKey() {
        RowKey one = key(new BigDecimal("1.0"));
        RowKey sameOne = key(new BigDecimal("1.00"));
        assertThat(one).hasSameHashCodeAs(sameOne).isEqualTo(sameOne);
        assertThat(key(new BigDecimal("0.00"))).isEqualTo(key(BigDecimal.ZERO)).hasSameHashCodeAs(key(BigDecimal.ZERO));
        assertThat(key(new BigDecimal("1.0"))).isNotEqualTo(key(new BigDecimal("1.01")));

        // as a map key, which is how grouping operators use it
        Map<RowKey, Integer> groups = new HashMap<>();
        groups.merge(one, 1, Integer::sum);
        groups.merge(sameOne, 1, Integer::sum);
        assertThat(groups).containsExactly(Map.entry(one, 2));
    }

    @Test
    void shouldHashFieldsOfARowLikeTheKeyMadeOfThem() {
        Object[] row = {"x", 42, new BigDecimal("3.50"), null, 7L};
        int[] fields = {4, 0, 2, 3};
        assertThat(RowKey.hashOf(row, fields)).isEqualTo(RowKey.of(row, fields).hashCode());
        assertThat(RowKey.of(row, fields)).hasToString("[7, x, 3.50, null]");
        assertThat(RowKey.of(row, fields).size()).isEqualTo(4);
        assertThat(RowKey.of(row, fields).get(1)).isEqualTo("x");
    }

    @Test
    void shouldHaveAHashThatIsStableAcrossRuns() {
        // key groups, and so where state lives, depend on this value: it must never change
        assertThat(key("a", 1L).hashCode()).isEqualTo(31 * (31 + "a".hashCode()) + Long.hashCode(1L)).isEqualTo(3969);
        assertThat(key().hashCode()).isEqualTo(1);
        assertThat(key((Object) null).hashCode()).isEqualTo(31);
    }

    @Test
    void shouldMakeOneEmptyKeyForNoFields() {
        assertThat(RowKey.of(new Object[] {"a"}, new int[0])).isEqualTo(RowKey.of(new Object[] {"b"}, new int[0]));
    }
}
