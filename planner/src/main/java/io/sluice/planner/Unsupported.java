package io.sluice.planner;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;

/** Errors for SQL that is valid but that Sluice cannot run yet: they name the construct, at planning time. */
final class Unsupported {
    private Unsupported() {
    }

    static SluiceException construct(String construct) {
        return new SluiceException(ErrorCode.UNSUPPORTED, construct + " is not supported yet");
    }

    static SluiceException because(String message) {
        return new SluiceException(ErrorCode.UNSUPPORTED, message);
    }
}
