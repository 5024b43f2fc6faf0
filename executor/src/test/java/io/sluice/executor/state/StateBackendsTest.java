package io.sluice.executor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.junit.jupiter.api.Test;

class StateBackendsTest {

    @Test
    void shouldFindBackendsByName() {
        assertThat(StateBackends.of("hashmap")).isInstanceOf(HeapStateBackend.class);
        assertThat(StateBackends.of("rocksdb")).isInstanceOf(RocksDbStateBackend.class);
        assertThat(StateBackends.of(" RocksDB ").name()).isEqualTo("rocksdb");
    }

    @Test
    void shouldNameTheOptionAndTheAllowedValuesForAnUnknownBackend() {
        assertThatThrownBy(() -> StateBackends.of("leveldb"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPTION_ERROR))
                .hasMessage("Invalid value 'leveldb' for option 'state.backend': the allowed values are 'hashmap' and 'rocksdb'");
    }
}
