package io.sluice.cli;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.List;

/** How the client words failures: the user's errors plainly, the engine's own with a hint. */
final class ErrorMessages {
    static final String VERBOSE_HINT = " (run with --verbose for details)";

    private ErrorMessages() {
    }

    /** True when the failure is the engine's fault, not something the user can fix in the SQL. */
    static boolean isInternal(Throwable failure) {
        SluiceException sluice = rootSluiceException(failure);
        return sluice == null || sluice.code().kind() == ErrorCode.Kind.INTERNAL;
    }

    /**
     * The message of the innermost {@link SluiceException} of the cause chain (the most precise
     * one: a task failure wraps the connector's error); without one, the messages of the chain.
     */
    static String message(Throwable failure) {
        SluiceException sluice = rootSluiceException(failure);
        return sluice != null ? sluice.getMessage() : causeChain(failure);
    }

    private static SluiceException rootSluiceException(Throwable failure) {
        SluiceException found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SluiceException sluice) {
                found = sluice;
            }
        }
        return found;
    }

    /** {@code IllegalStateException: boom: NullPointerException: x}, without repeats. */
    static String causeChain(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            Throwable cause = t.getCause();
            String message = t.getMessage();
            if (message != null && cause != null && message.equals(cause.toString())) {
                continue;
            }
            String part = message == null || message.isBlank()
                    ? t.getClass().getSimpleName()
                    : t.getClass().getSimpleName() + ": " + message;
            if (parts.isEmpty() || !parts.get(parts.size() - 1).contains(part)) {
                parts.add(part);
            }
        }
        return String.join(": ", parts);
    }
}
