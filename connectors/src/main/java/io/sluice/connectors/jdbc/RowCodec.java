package io.sluice.connectors.jdbc;

import io.sluice.connectors.state.StateBytes;
import io.sluice.executor.types.RowSchema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Rows of one schema as bytes in a checkpoint state: per field a null flag, then the value. */
final class RowCodec {
    private final RowSchema schema;

    RowCodec(RowSchema schema) {
        this.schema = schema;
    }

    void write(DataOutputStream out, Object[] row) throws IOException {
        for (int i = 0; i < schema.size(); i++) {
            Object value = row[i];
            out.writeBoolean(value != null);
            if (value == null) {
                continue;
            }
            switch (schema.type(i).root()) {
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case TINYINT -> out.writeByte((Byte) value);
                case SMALLINT -> out.writeShort((Short) value);
                case INTEGER, DATE, TIME -> out.writeInt((Integer) value);
                case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> out.writeLong((Long) value);
                case FLOAT -> out.writeFloat((Float) value);
                case DOUBLE -> out.writeDouble((Double) value);
                case DECIMAL -> {
                    BigDecimal decimal = (BigDecimal) value;
                    out.writeInt(decimal.scale());
                    byte[] unscaled = decimal.unscaledValue().toByteArray();
                    out.writeInt(unscaled.length);
                    out.write(unscaled);
                }
                case CHAR, VARCHAR -> StateBytes.writeString(out, (String) value);
                default -> throw new IOException("cannot store a value of type " + schema.type(i));
            }
        }
    }

    Object[] read(DataInputStream in) throws IOException {
        Object[] row = new Object[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            if (!in.readBoolean()) {
                continue;
            }
            row[i] = switch (schema.type(i).root()) {
                case BOOLEAN -> in.readBoolean();
                case TINYINT -> in.readByte();
                case SMALLINT -> in.readShort();
                case INTEGER, DATE, TIME -> in.readInt();
                case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> in.readLong();
                case FLOAT -> in.readFloat();
                case DOUBLE -> in.readDouble();
                case DECIMAL -> {
                    int scale = in.readInt();
                    int length = in.readInt();
                    if (length <= 0 || length > in.available()) {
                        throw new IOException("decimal of " + length + " bytes");
                    }
                    yield new BigDecimal(new BigInteger(in.readNBytes(length)), scale);
                }
                case CHAR, VARCHAR -> StateBytes.readString(in);
                default -> throw new IOException("cannot restore a value of type " + schema.type(i));
            };
        }
        return row;
    }
}
