package io.sluice.executor.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A checkpoint every task acknowledged: the metadata file names the job's vertices (so a restore
 * into a different plan is refused) and holds every task's snapshot. Its bytes end with a CRC32,
 * so a torn or corrupt file is recognized and skipped.
 */
public record CompletedCheckpoint(long id, String jobName, long timestamp, boolean savepoint,
        List<VertexInfo> vertices, List<TaskSnapshot> tasks, java.nio.file.Path directory) {
    private static final int MAGIC = 0x534c4350; // "SLCP"
    private static final int VERSION = 1;

    public CompletedCheckpoint {
        Objects.requireNonNull(jobName, "jobName is null");
        vertices = List.copyOf(vertices);
        tasks = List.copyOf(tasks);
    }

    /** A vertex as the checkpoint saw it. */
    public record VertexInfo(String name, int parallelism) {
    }

    /**
     * The reader states a source subtask restores: its own at unchanged parallelism, else every old
     * subtask's, from which it takes the splits it now owns.
     */
    public List<byte[]> sourceStates(int vertex, int subtask, int parallelism) {
        List<byte[]> states = new ArrayList<>();
        boolean sameParallelism = vertices.get(vertex).parallelism() == parallelism;
        for (TaskSnapshot task : tasks) {
            if (task.vertex() == vertex && task.sourceState() != null
                    && (!sameParallelism || task.subtask() == subtask)) {
                states.add(task.sourceState());
            }
        }
        return states;
    }

    /** The operator states a subtask inherits: those of old subtasks j with j mod parallelism == subtask. */
    public List<byte[]> operatorStates(int vertex, int operator, int subtask, int parallelism) {
        List<byte[]> states = new ArrayList<>();
        for (TaskSnapshot task : tasks) {
            byte[] state = task.vertex() == vertex ? task.operatorStates().get(operator) : null;
            if (state != null && task.subtask() % parallelism == subtask) {
                states.add(state);
            }
        }
        return states;
    }

    /** Every old subtask's keyed-state description of one operator; the backend takes its key groups. */
    public List<byte[]> keyedStates(int vertex, int operator) {
        List<byte[]> states = new ArrayList<>();
        for (TaskSnapshot task : tasks) {
            byte[] state = task.vertex() == vertex ? task.keyedStates().get(operator) : null;
            if (state != null) {
                states.add(state);
            }
        }
        return states;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(id);
            out.writeUTF(jobName);
            out.writeLong(timestamp);
            out.writeBoolean(savepoint);
            out.writeInt(vertices.size());
            for (VertexInfo vertex : vertices) {
                out.writeUTF(vertex.name());
                out.writeInt(vertex.parallelism());
            }
            out.writeInt(tasks.size());
            for (TaskSnapshot task : tasks) {
                out.writeInt(task.vertex());
                out.writeInt(task.subtask());
                writeBytes(out, task.sourceState());
                out.writeInt(task.operatorStates().size());
                for (int i = 0; i < task.operatorStates().size(); i++) {
                    writeBytes(out, task.operatorStates().get(i));
                    writeBytes(out, task.keyedStates().get(i));
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /**
     * Reads metadata bytes of the checkpoint stored in {@code directory}; throws IOException when
     * they are torn, corrupt or of another version.
     */
    public static CompletedCheckpoint fromBytes(byte[] data, java.nio.file.Path directory) throws IOException {
        if (data.length < 16) {
            throw new IOException("metadata too short: " + data.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = new DataInputStream(new ByteArrayInputStream(data, data.length - 8, 8)).readLong();
        if (stored != crc.getValue()) {
            throw new IOException("metadata checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Sluice checkpoint");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unknown checkpoint version " + version);
        }
        long id = in.readLong();
        String jobName = in.readUTF();
        long timestamp = in.readLong();
        boolean savepoint = in.readBoolean();
        List<VertexInfo> vertices = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            vertices.add(new VertexInfo(in.readUTF(), in.readInt()));
        }
        List<TaskSnapshot> tasks = new ArrayList<>();
        for (int t = in.readInt(); t > 0; t--) {
            int vertex = in.readInt();
            int subtask = in.readInt();
            byte[] source = readBytes(in);
            List<byte[]> operators = new ArrayList<>();
            List<byte[]> keyed = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                operators.add(readBytes(in));
                keyed.add(readBytes(in));
            }
            tasks.add(new TaskSnapshot(vertex, subtask, source, operators, keyed));
        }
        return new CompletedCheckpoint(id, jobName, timestamp, savepoint, vertices, tasks, directory);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
