package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    @Test
    void shouldTellTheInnermostSluiceExceptionOfATaskFailure() {
        SluiceException malformed = new SluiceException(ErrorCode.MALFORMED_RECORD,
                "Table 'src': malformed JSON at data.json line 2: unexpected end");
        RuntimeException taskFailure = new RuntimeException("task Source: src (1/2) failed",
                new SluiceException(ErrorCode.JOB_FAILED, "source failed", malformed));

        assertThat(ErrorMessages.message(taskFailure)).isEqualTo(malformed.getMessage());
        assertThat(ErrorMessages.isInternal(taskFailure)).isFalse();
    }

    @Test
    void shouldTellTheCauseChainOfOtherFailuresAndCallThemInternal() {
        RuntimeException failure = new IllegalStateException("operator crashed", new NullPointerException("x"));

        assertThat(ErrorMessages.message(failure))
                .isEqualTo("IllegalStateException: operator crashed: NullPointerException: x");
        assertThat(ErrorMessages.isInternal(failure)).isTrue();
        assertThat(ErrorMessages.isInternal(new SluiceException(ErrorCode.INTERNAL_ERROR, "bug"))).isTrue();
    }

    @Test
    void shouldNotRepeatAWrappedMessage() {
        IOException io = new IOException("disk full");

        assertThat(ErrorMessages.causeChain(new UncheckedIOException(io))).isEqualTo("IOException: disk full");
    }
}
