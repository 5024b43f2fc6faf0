package io.sluice.connectors.format;

/**
 * A record that its format cannot decode. The message says why, without the record's location:
 * {@link RecordDecoder} adds the table and where the record came from.
 */
public final class MalformedRecordException extends Exception {
    public MalformedRecordException(String reason) {
        super(reason, null, false, false);
    }

    public MalformedRecordException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
