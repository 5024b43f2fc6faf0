package io.sluice.executor.state;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: a store's whole contents as comparable text, and stores made of a backend's name. */
final class StoreContents {
    private static final HexFormat HEX = HexFormat.of();

    private StoreContents() {
    }

    /** Every entry as {@code "<key group>/<hex key>" -> "<hex value>"}, in key group and key order. */
    static Map<String, String> of(KeyedStateStore store) {
        Map<String, String> contents = new TreeMap<>();
        KeyGroupRange range = store.keyGroupRange();
        for (int group = range.start(); group <= range.end(); group++) {
            int g = group;
            store.scan(group, new byte[0], (key, value) -> {
                contents.put(entryName(g, key), HEX.formatHex(value));
                return true;
            });
        }
        return contents;
    }

    static String entryName(int keyGroup, byte[] key) {
        return String.format("%03d/%s", keyGroup, HEX.formatHex(key));
    }

    static int keyGroupOf(String entryName) {
        return Integer.parseInt(entryName.substring(0, 3));
    }

    static KeyedStateStore open(String backend, KeyGroupRange range, Path workingDirectory, List<StateSnapshot> restoreFrom) {
        return StateBackends.of(backend).create("op-test", range, workingDirectory, restoreFrom);
    }

    static KeyedStateStore open(String backend, KeyGroupRange range, Path workingDirectory) {
        return open(backend, range, workingDirectory, List.of());
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
