package io.vigil.hub.view;

import java.util.List;

/** What the pipelines source publishes of the server manager's saved actions, for outlets that list them. */
public interface ActionsView {

    /** The pipelines source's name, the {@code source} of its updates. */
    String SOURCE = "pipelines";

    /** The latest saved actions, newest first. */
    List<SavedAction> recentActions();
}
