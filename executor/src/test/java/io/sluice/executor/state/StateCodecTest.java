package io.sluice.executor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.data.RowKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static RowKey key(Object... values) {
        int[] fields = new int[values.length];
        Arrays.setAll(fields, i -> i);
        return RowKey.of(values, fields);
    }

    private static List<Object> carriers() {
        return Arrays.asList(null, true, false,
                (byte) 0, Byte.MIN_VALUE, Byte.MAX_VALUE,
                (short) -1, Short.MIN_VALUE, Short.MAX_VALUE,
                0, 1, -1, 63, 64, -65, Integer.MIN_VALUE, Integer.MAX_VALUE,
                0L, -1L, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE,
                0.0f, -0.0f, 1.5f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                0.0, -0.0, Math.PI, Double.NaN, Double.POSITIVE_INFINITY, Double.MAX_VALUE,
                BigDecimal.ZERO, new BigDecimal("0.000"), new BigDecimal("2.50"), new BigDecimal("-123456789.123456789"),
                new BigDecimal("1E+5"), new BigDecimal(BigInteger.TEN.pow(40).negate(), 18),
                "", "a", "héllo wörld ✓ 𝄞", "x".repeat(100_000));
    }

    @Test
    void shouldRoundTripEveryCarrier() {
        for (Object value : carriers()) {
            Object decoded = StateCodec.decode(StateCodec.encode(value));
            assertThat(decoded).as("%s", value).isEqualTo(value);
            if (value != null) {
                assertThat(decoded).hasSameClassAs(value);
            }
            if (value instanceof BigDecimal d) {
                assertThat(((BigDecimal) decoded).scale()).isEqualTo(d.scale());
            }
        }
    }

    @Test
    void shouldRoundTripNestedShapes() {
        Set<Object> distinct = new LinkedHashSet<>(Arrays.asList("a", 1, null, new BigDecimal("1.10")));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", new Object[] {1L});
        map.put(null, List.of());
        List<Object> list = new ArrayList<>(Arrays.asList(1, "two", null));
        Object[] nested = {1L, null, new Object[] {"x", new Object[] {}, new Object[] {2.5}}, distinct, list, map,
                new byte[] {1, 2, 3}, new Object[0], Set.of(), ""};

        Object[] decoded = (Object[]) StateCodec.decode(StateCodec.encode(nested));

        assertThat(decoded).hasSize(nested.length);
        assertThat(decoded[0]).isEqualTo(1L);
        assertThat(decoded[1]).isNull();
        assertThat(Arrays.deepEquals((Object[]) decoded[2], (Object[]) nested[2])).isTrue();
        assertThat(new ArrayList<>((Set<?>) decoded[3])).isEqualTo(new ArrayList<>(distinct));
        assertThat(decoded[4]).isEqualTo(list);
        Map<?, ?> decodedMap = (Map<?, ?>) decoded[5];
        assertThat(new ArrayList<>(decodedMap.keySet())).isEqualTo(Arrays.asList("k", null));
        assertThat((Object[]) decodedMap.get("k")).containsExactly(1L);
        assertThat(decoded[6]).isEqualTo(new byte[] {1, 2, 3});
        assertThat((Object[]) decoded[7]).isEmpty();
        assertThat((Set<?>) decoded[8]).isEmpty();
        assertThat(decoded[9]).isEqualTo("");
    }

    @Test
    void shouldStreamValuesOneAfterAnother() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Object value : carriers()) {
            StateCodec.write(out, value);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (Object value : carriers()) {
            assertThat(StateCodec.read(in)).isEqualTo(value);
        }
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void shouldBeCompact() {
        assertThat(StateCodec.encode(5L)).hasSize(3); // version, tag, one varint byte
        assertThat(StateCodec.encode(null)).hasSize(2);
        assertThat(StateCodec.encode("abc")).hasSize(6);
        assertThat(StateCodec.encodeKey(key(1_700_000_000_000L))).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void shouldRefuseAnotherVersionAndUnknownTypes() {
        byte[] encoded = StateCodec.encode(1);
        encoded[0] = 99;
        assertThatThrownBy(() -> StateCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codec version 99");
        assertThatThrownBy(() -> StateCodec.encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        byte[] truncated = Arrays.copyOf(StateCodec.encode("hello"), 4);
        assertThatThrownBy(() -> StateCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEncodeEqualKeysAlikeAndUnequalKeysApart() {
        assertThat(StateCodec.encodeKey(key(new BigDecimal("1.0"), "a")))
                .isEqualTo(StateCodec.encodeKey(key(new BigDecimal("1.00"), "a")));
        assertThat(StateCodec.encodeKey(key(new BigDecimal("0.000")))).isEqualTo(StateCodec.encodeKey(key(BigDecimal.ZERO)));

        List<RowKey> keys = List.of(key(), key((Object) null), key(null, null), key(1), key(1L), key((short) 1),
                key("a", "b"), key("ab"), key("ab", null), key("a"), key(""), key("", ""), key(0.0), key(-0.0),
                key(1.5f), key(true), key(false), key(new BigDecimal("1.5")), key(new BigDecimal("15")), key(1, 2),
                key(12));
        Set<String> encodings = new LinkedHashSet<>();
        for (RowKey key : keys) {
            byte[] encoded = StateCodec.encodeKey(key);
            assertThat(encodings.add(HexFormat.of().formatHex(encoded))).as("unique encoding of %s", key).isTrue();
            assertThat(StateCodec.decodeKey(encoded)).isEqualTo(key);
            assertThat(StateCodec.encodeKey(key)).as("deterministic").isEqualTo(encoded);
        }
        for (String a : encodings) {
            for (String b : encodings) {
                assertThat(a.equals(b) || !b.startsWith(a)).as("%s is a prefix of %s", a, b).isTrue();
            }
        }
    }

    @Test
    void shouldDecodeKeysWithNormalizedDecimals() {
        RowKey decoded = StateCodec.decodeKey(StateCodec.encodeKey(key(new BigDecimal("2.500"), 7L)));
        assertThat(decoded.get(0)).isEqualTo(new BigDecimal("2.5"));
        assertThat(decoded.get(1)).isEqualTo(7L);
        assertThat(decoded.hashCode()).isEqualTo(key(new BigDecimal("2.500"), 7L).hashCode());
    }
}
