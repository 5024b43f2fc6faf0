package io.sluice.executor.state;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * The heap backend's snapshot: one file, a section per key group and an index of the sections at
 * the end, so a restore reads only the sections of the key groups it owns.
 * <pre>
 *   header   int magic "SLKH", int format version, byte first key group, byte last key group
 *   sections one per key group of the range, in order:
 *            varint entry count, then per entry: varint key length, key, varint value length, value
 *   index    per key group: long offset, long length, int CRC32 of its section
 *   footer   long offset of the index, int magic
 * </pre>
 * Written to a temporary file, synced and renamed, so a snapshot file is complete or absent.
 */
final class HeapSnapshotFile {
    static final String FILE_NAME = "keyed-state.bin";
    static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x534c4b48; // "SLKH"
    private static final int HEADER_SIZE = 4 + 4 + 1 + 1;
    private static final int INDEX_ENTRY_SIZE = 8 + 8 + 4;
    private static final int FOOTER_SIZE = 8 + 4;

    private HeapSnapshotFile() {
    }

    /** Writes the groups of {@code range} into {@code directory}; returns the number of entries. */
    static long write(Path directory, KeyGroupRange range, IntFunction<NavigableMap<byte[], byte[]>> groups)
            throws IOException {
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".inprogress");
        long entries = 0;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            SectionOutput section = new SectionOutput(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            DataOutputStream out = new DataOutputStream(section);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeByte(range.start());
            out.writeByte(range.end());
            long[] offsets = new long[range.size()];
            long[] lengths = new long[range.size()];
            int[] checksums = new int[range.size()];
            for (int group = range.start(); group <= range.end(); group++) {
                int i = group - range.start();
                NavigableMap<byte[], byte[]> entriesOfGroup = groups.apply(group);
                offsets[i] = section.startSection();
                StateCodec.writeVarInt(out, entriesOfGroup.size());
                for (Map.Entry<byte[], byte[]> entry : entriesOfGroup.entrySet()) {
                    StateCodec.writeVarInt(out, entry.getKey().length);
                    out.write(entry.getKey());
                    StateCodec.writeVarInt(out, entry.getValue().length);
                    out.write(entry.getValue());
                }
                entries += entriesOfGroup.size();
                lengths[i] = section.position() - offsets[i];
                checksums[i] = section.sectionChecksum();
            }
            long indexOffset = section.position();
            for (int i = 0; i < offsets.length; i++) {
                out.writeLong(offsets[i]);
                out.writeLong(lengths[i]);
                out.writeInt(checksums[i]);
            }
            out.writeLong(indexOffset);
            out.writeInt(MAGIC);
            out.flush();
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        StateFiles.syncDirectory(directory);
        return entries;
    }

    /** Passes the entries of {@code groups} (within the snapshot's range) to {@code sink}. */
    static void read(StateSnapshot snapshot, KeyGroupRange groups, SnapshotReader.EntrySink sink) {
        Path file = snapshot.directory().resolve(FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_SIZE + FOOTER_SIZE) {
                throw corrupt(file, "it is too short");
            }
            ByteBuffer header = readFully(channel, 0, HEADER_SIZE);
            ByteBuffer footer = readFully(channel, size - FOOTER_SIZE, FOOTER_SIZE);
            if (header.getInt() != MAGIC || footer.getInt(8) != MAGIC) {
                throw corrupt(file, "it is not a keyed state snapshot");
            }
            int version = header.getInt();
            if (version != FORMAT_VERSION) {
                throw corrupt(file, "its format version is " + version + ", this version of Sluice reads "
                        + FORMAT_VERSION);
            }
            KeyGroupRange stored = new KeyGroupRange(header.get() & 0xFF, header.get() & 0xFF);
            if (!stored.contains(groups)) {
                throw corrupt(file, "it holds " + stored + ", not " + groups);
            }
            long indexOffset = footer.getLong(0);
            ByteBuffer index = readFully(channel, indexOffset + (long) (groups.start() - stored.start()) * INDEX_ENTRY_SIZE,
                    groups.size() * INDEX_ENTRY_SIZE);
            for (int group = groups.start(); group <= groups.end(); group++) {
                long offset = index.getLong();
                long length = index.getLong();
                int checksum = index.getInt();
                readSection(channel.position(offset), group, length, checksum, file, sink);
            }
        } catch (IOException e) {
            throw StateFiles.failure("Cannot read the keyed state snapshot " + file, e);
        }
    }

    private static void readSection(FileChannel channel, int group, long length, int checksum, Path file,
            SnapshotReader.EntrySink sink) throws IOException {
        // not closed: closing would close the channel, which the caller still reads
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(
                new SectionInput(Channels.newInputStream(channel), length), 1 << 16), new CRC32());
        DataInputStream in = new DataInputStream(checked);
        int count = StateCodec.readVarInt(in);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[StateCodec.readVarInt(in)];
            in.readFully(key);
            byte[] value = new byte[StateCodec.readVarInt(in)];
            in.readFully(value);
            sink.accept(group, key, value);
        }
        if (in.read() != -1 || (int) checked.getChecksum().getValue() != checksum) {
            throw corrupt(file, "the section of key group " + group + " fails its checksum");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("corrupt keyed state snapshot " + file + ": " + why);
    }

    /** The {@code length} bytes of one section: reads past it see the end of input. */
    private static final class SectionInput extends FilterInputStream {
        private long remaining;

        SectionInput(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    /** Counts the bytes written and checksums the current section. */
    private static final class SectionOutput extends FilterOutputStream {
        private final CRC32 crc = new CRC32();
        private long position;

        SectionOutput(OutputStream out) {
            super(out);
        }

        long startSection() {
            crc.reset();
            return position;
        }

        int sectionChecksum() {
            return (int) crc.getValue();
        }

        long position() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            position += len;
        }
    }
}
