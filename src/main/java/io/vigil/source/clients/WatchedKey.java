package io.vigil.source.clients;

/**
 * A watched key as the snapshot reports it.
 *
 * @param holds what Vigil reads from it: {@code status}, {@code blocked} or {@code deactivated}
 * @param type the Redis type found, {@code none} when the key does not exist (read as empty)
 * @param expected the types Vigil understands for it
 * @param size fields of the hash or elements of the set or list
 * @param problem why its content was ignored (a type Vigil cannot read), or null
 */
public record WatchedKey(String key, String holds, String type, String expected, int size, String problem) {
}
