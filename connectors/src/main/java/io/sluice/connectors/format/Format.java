package io.sluice.connectors.format;

/**
 * A format with validated options for one schema, made by {@link Formats#create}. Immutable and
 * thread-safe; each reader or writer asks it for its own (not thread-safe) deserializer or
 * serializer.
 */
public interface Format {

    /** The format's name as in the {@code 'format'} option, e.g. {@code json}; also the file extension. */
    String name();

    /** The name in messages, e.g. {@code JSON}. */
    String displayName();

    /** Whether malformed records are skipped (and counted) instead of failing the job. */
    boolean ignoreParseErrors();

    RowDeserializer createDeserializer();

    /**
     * This format, told that only the schema's columns {@code needed} are read: its deserializers
     * may leave the others null. Returns this format when it decodes every column anyway.
     */
    default Format projected(java.util.BitSet needed) {
        return this;
    }

    RowSerializer createSerializer();
}
