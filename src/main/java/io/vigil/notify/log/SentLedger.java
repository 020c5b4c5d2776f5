package io.vigil.notify.log;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What has been delivered, the source of truth of the dedupe stage: the notification log in the database. */
public interface SentLedger {

    /** The deliveries on record for these episodes at this receiver, by episode; episodes without any are absent. */
    Map<String, List<SentRecord>> sent(String receiver, Collection<String> episodes);
}
