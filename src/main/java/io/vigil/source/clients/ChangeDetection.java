package io.vigil.source.clients;

/**
 * How the source learns of changes: from keyspace notifications, or by polling when they are not available.
 *
 * @param serverSetting {@code notify-keyspace-events} as the server reported it (after Vigil set it, if it did);
 *        null when it could not be read
 * @param enabledByVigil whether Vigil switched notifications on during this connection
 * @param detail why the source polls, for people; null while notifications work
 */
public record ChangeDetection(Method method, String serverSetting, boolean enabledByVigil, String detail) {

    public enum Method {
        NOTIFICATIONS, POLLING
    }

    static ChangeDetection notifications(String serverSetting, boolean enabledByVigil) {
        return new ChangeDetection(Method.NOTIFICATIONS, serverSetting, enabledByVigil, null);
    }

    static ChangeDetection polling(String serverSetting, String detail) {
        return new ChangeDetection(Method.POLLING, serverSetting, false, detail);
    }

    boolean polling() {
        return method == Method.POLLING;
    }
}
