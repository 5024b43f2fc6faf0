package io.sluice.connectors.format;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Objects;

/**
 * A reader's deserializer together with the table's policy for malformed records: fail with
 * {@link ErrorCode#MALFORMED_RECORD} naming the table and the record's location, or report the record
 * through {@link SourceContext#skippedMalformedRecord} and skip it.
 */
public final class RecordDecoder {
    private final Format format;
    private final RowDeserializer deserializer;
    private final String tableName;
    private final SourceContext context;

    public RecordDecoder(Format format, String tableName, SourceContext context) {
        this.format = Objects.requireNonNull(format, "format is null");
        this.deserializer = format.createDeserializer();
        this.tableName = Objects.requireNonNull(tableName, "tableName is null");
        this.context = Objects.requireNonNull(context, "context is null");
    }

    public RowDeserializer deserializer() {
        return deserializer;
    }

    /**
     * Decodes a record found at {@code where} (e.g. {@code /data/bids.json line 17}); returns null
     * when the record holds no row or was skipped as malformed.
     */
    public Object[] decode(String record, String where) {
        try {
            return deserializer.deserialize(record);
        } catch (MalformedRecordException e) {
            return malformed(where, e);
        }
    }

    public Object[] decode(byte[] record, String where) {
        try {
            return deserializer.deserialize(record);
        } catch (MalformedRecordException e) {
            return malformed(where, e);
        }
    }

    /**
     * Decodes the valid UTF-8 record in {@code length} bytes of {@code buffer} from {@code offset}
     * (see {@link RowDeserializer#decodesLineBytes()}); {@code where} is turned into text only for a
     * malformed record, so that a reader need not build a location per record.
     */
    public Object[] decode(byte[] buffer, int offset, int length, Object where) {
        try {
            return deserializer.deserialize(buffer, offset, length);
        } catch (MalformedRecordException e) {
            return malformed(where.toString(), e);
        }
    }

    /**
     * Applies the policy to a record the caller found malformed before decoding it (e.g. invalid
     * UTF-8): returns null when it is to be skipped, throws otherwise.
     */
    public Object[] malformed(String where, String reason) {
        return malformed(where, new MalformedRecordException(reason));
    }

    private Object[] malformed(String where, MalformedRecordException e) {
        if (format.ignoreParseErrors()) {
            context.skippedMalformedRecord(where, e.getMessage());
            return null;
        }
        throw new SluiceException(ErrorCode.MALFORMED_RECORD, "Table '" + tableName + "': malformed "
                + format.displayName() + " at " + where + ": " + e.getMessage(), e);
    }
}
