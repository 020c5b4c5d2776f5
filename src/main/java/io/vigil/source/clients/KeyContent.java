package io.vigil.source.clients;

import java.util.List;
import java.util.Map;

/**
 * What one watched key held when it was read: its Redis type ({@code hash}, {@code set}, {@code list}, {@code none}
 * for a missing key, or anything else Redis reports) and, for a hash, set or list, its content.
 */
record KeyContent(String key, String type, Map<String, String> entries, List<String> members) {

    static final String HASH = "hash";
    static final String SET = "set";
    static final String LIST = "list";
    static final String NONE = "none";

    KeyContent {
        entries = entries == null ? Map.of() : Map.copyOf(entries);
        members = members == null ? List.of() : List.copyOf(members);
    }

    /*
     * Redis keeps no empty hash, set or list: read empty, the key was deleted between TYPE and the read, and is
     * reported as missing rather than as an empty key of its former type.
     */

    static KeyContent hash(String key, Map<String, String> entries) {
        return entries.isEmpty() ? missing(key) : new KeyContent(key, HASH, entries, null);
    }

    static KeyContent set(String key, java.util.Collection<String> members) {
        return members.isEmpty() ? missing(key) : new KeyContent(key, SET, null, List.copyOf(members));
    }

    static KeyContent list(String key, List<String> members) {
        return members.isEmpty() ? missing(key) : new KeyContent(key, LIST, null, members);
    }

    static KeyContent missing(String key) {
        return new KeyContent(key, NONE, null, null);
    }

    /** A key whose content Vigil does not read: its type is all there is to say. */
    static KeyContent ofType(String key, String type) {
        return new KeyContent(key, type, null, null);
    }

    /** Fields of a hash, elements of a set or list (duplicates included), 0 for anything else. */
    int size() {
        return HASH.equals(type) ? entries.size() : members.size();
    }
}
