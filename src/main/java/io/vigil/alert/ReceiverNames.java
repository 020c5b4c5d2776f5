package io.vigil.alert;

import java.util.Set;

/**
 * The names of the receivers notifications can go to, so a rule can be refused for naming one that does not exist.
 * Implemented on the notification side, which depends on alerts and not the other way round.
 */
public interface ReceiverNames {

    Set<String> receiverNames();
}
