package io.sluice.executor.state;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Locale;

/** The state backends by configuration name, the values of {@code 'state.backend'}. */
public final class StateBackends {
    public static final String HASHMAP = HeapStateBackend.NAME;
    public static final String ROCKSDB = RocksDbStateBackend.NAME;

    private StateBackends() {
    }

    /** The backend named {@code name} (case-insensitive). */
    public static StateBackend of(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case HeapStateBackend.NAME -> HeapStateBackend.INSTANCE;
            case RocksDbStateBackend.NAME -> RocksDbStateBackend.INSTANCE;
            default -> throw new SluiceException(ErrorCode.OPTION_ERROR, "Invalid value '" + name
                    + "' for option 'state.backend': the allowed values are 'hashmap' and 'rocksdb'");
        };
    }
}
