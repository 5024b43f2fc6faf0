package io.sluice.executor.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void shouldUseBinaryUnitsWithOneDecimalBelowAHundred() {
        assertThat(ByteSizes.format(0)).isEqualTo("0 B");
        assertThat(ByteSizes.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSizes.format(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSizes.format(150L << 20)).isEqualTo("150 MiB");
        assertThat(ByteSizes.format(5L << 40)).isEqualTo("5.0 TiB");
    }
}
