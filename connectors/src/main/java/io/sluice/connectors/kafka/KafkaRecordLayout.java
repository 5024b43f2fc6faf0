package io.sluice.connectors.kafka;

import io.sluice.connectors.format.Format;
import io.sluice.connectors.format.Formats;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which physical columns of a Kafka table live in the record's key and which in its value, and the
 * formats that encode them (Flink's {@code key.fields}, {@code key.fields-prefix},
 * {@code value.fields-include}, {@code key.format}, {@code value.format} / {@code format}).
 *
 * <p>Shared by the source, which assembles a row from a decoded key and value, and the sinks, which
 * split a row into them. Key columns named with {@code key.fields-prefix} are known to the key format
 * without the prefix.
 *
 * @param keyIndexes positions in the physical row of the key's fields, in key order
 * @param valueIndexes positions in the physical row of the value's fields, in value order
 * @param keyFormat the key's format, when the record has a key
 * @param valueFormat the value's format
 */
public record KafkaRecordLayout(int[] keyIndexes, int[] valueIndexes, Optional<Format> keyFormat, Format valueFormat) {

    /** The layout of a {@code kafka} table: the key is optional and named by {@code key.fields}. */
    public static KafkaRecordLayout forKafka(TableContext table) {
        ConnectorOptions options = table.options();
        List<String> keyFields = options.get(KafkaOptions.KEY_FIELDS)
                .map(text -> Arrays.stream(text.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (!keyFields.isEmpty() && !options.contains(KafkaOptions.KEY_FORMAT)) {
            throw options.error("option '" + KafkaOptions.KEY_FIELDS + "' needs option '" + KafkaOptions.KEY_FORMAT + "'");
        }
        if (keyFields.isEmpty() && options.contains(KafkaOptions.KEY_FORMAT)) {
            throw options.error("option '" + KafkaOptions.KEY_FORMAT + "' needs option '" + KafkaOptions.KEY_FIELDS
                    + "', the columns that form the key");
        }
        if (options.contains(KafkaOptions.FORMAT) == options.contains(KafkaOptions.VALUE_FORMAT)) {
            throw options.error("give either option '" + KafkaOptions.FORMAT + "' or option '"
                    + KafkaOptions.VALUE_FORMAT + "' (not both)");
        }
        String valueFormatKey = options.contains(KafkaOptions.FORMAT) ? KafkaOptions.FORMAT : KafkaOptions.VALUE_FORMAT;
        return of(table, keyFields, KafkaOptions.KEY_FIELDS, valueFormatKey);
    }

    /** The layout of an {@code upsert-kafka} table: the key is the primary key. */
    public static KafkaRecordLayout forUpsertKafka(TableContext table) {
        ConnectorOptions options = table.options();
        if (table.primaryKey().isEmpty()) {
            throw options.error("connector 'upsert-kafka' needs a PRIMARY KEY (…) NOT ENFORCED: its columns form the"
                    + " record key, and updates and deletes are keyed by it");
        }
        options.require(KafkaOptions.KEY_FORMAT);
        options.require(KafkaOptions.VALUE_FORMAT);
        return of(table, table.primaryKey(), "PRIMARY KEY", KafkaOptions.VALUE_FORMAT);
    }

    private static KafkaRecordLayout of(TableContext table, List<String> keyFields, String keySource,
            String valueFormatKey) {
        ConnectorOptions options = table.options();
        RowSchema physical = table.physicalSchema();
        String prefix = options.get(KafkaOptions.KEY_FIELDS_PREFIX, "");
        boolean exceptKey = switch (options.get(KafkaOptions.VALUE_FIELDS_INCLUDE, "ALL").trim().toUpperCase(Locale.ROOT)) {
            case "ALL" -> false;
            case "EXCEPT_KEY" -> true;
            default -> throw options.invalid(KafkaOptions.VALUE_FIELDS_INCLUDE,
                    options.require(KafkaOptions.VALUE_FIELDS_INCLUDE), "'ALL' or 'EXCEPT_KEY'");
        };
        if (!prefix.isEmpty() && !exceptKey) {
            throw options.error("option '" + KafkaOptions.KEY_FIELDS_PREFIX + "' needs '"
                    + KafkaOptions.VALUE_FIELDS_INCLUDE + "' = 'EXCEPT_KEY'");
        }
        int[] keyIndexes = new int[keyFields.size()];
        List<String> keyNames = new ArrayList<>();
        List<LogicalType> keyTypes = new ArrayList<>();
        for (int i = 0; i < keyFields.size(); i++) {
            String field = keyFields.get(i);
            int index = physical.indexOf(field);
            if (index < 0) {
                throw options.error(keySource.equals(KafkaOptions.KEY_FIELDS)
                        ? "option '" + KafkaOptions.KEY_FIELDS + "' names '" + field + "', which is not a physical column"
                        : "primary key column '" + field + "' is not a physical column");
            }
            if (!field.startsWith(prefix)) {
                throw options.error("key column '" + field + "' does not start with the '"
                        + KafkaOptions.KEY_FIELDS_PREFIX + "' '" + prefix + "'");
            }
            keyIndexes[i] = index;
            keyNames.add(field.substring(prefix.length()));
            keyTypes.add(physical.type(index));
        }
        List<Integer> value = new ArrayList<>();
        for (int i = 0; i < physical.size(); i++) {
            final int column = i;
            if (!exceptKey || Arrays.stream(keyIndexes).noneMatch(k -> k == column)) {
                value.add(i);
            }
        }
        int[] valueIndexes = value.stream().mapToInt(Integer::intValue).toArray();
        Optional<Format> keyFormat = keyIndexes.length == 0 ? Optional.empty()
                : Optional.of(Formats.create(KafkaOptions.KEY_FORMAT, new RowSchema(keyNames, keyTypes), options,
                        table.timeZone()));
        Format valueFormat = Formats.create(valueFormatKey, project(physical, valueIndexes), options, table.timeZone());
        return new KafkaRecordLayout(keyIndexes, valueIndexes, keyFormat, valueFormat);
    }

    private static RowSchema project(RowSchema schema, int[] indexes) {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (int index : indexes) {
            names.add(schema.name(index));
            types.add(schema.type(index));
        }
        return new RowSchema(names, types);
    }

    /** The key's fields of a physical row, in key order. */
    public Object[] keyOf(Object[] row) {
        return pick(row, keyIndexes);
    }

    /** The value's fields of a physical row, in value order. */
    public Object[] valueOf(Object[] row) {
        return pick(row, valueIndexes);
    }

    /** Puts decoded key and value fields into {@code row} (the physical row, possibly longer). */
    public void assemble(Object[] key, Object[] value, Object[] row) {
        if (key != null) {
            for (int i = 0; i < keyIndexes.length; i++) {
                row[keyIndexes[i]] = key[i];
            }
        }
        if (value != null) {
            for (int i = 0; i < valueIndexes.length; i++) {
                row[valueIndexes[i]] = value[i];
            }
        }
    }

    private static Object[] pick(Object[] row, int[] indexes) {
        Object[] out = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            out[i] = row[indexes[i]];
        }
        return out;
    }
}
