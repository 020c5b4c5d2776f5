package io.vigil.hub.view;

import java.util.List;

/**
 * The peer services Vigil checks, as the services source reads them: whoever defines targets (configuration, the
 * API, the demo) implements this, and the source asks it for the current list before every round of checks.
 */
public interface ServicesView {

    /** The services source's name, the {@code source} of its updates. */
    String SOURCE = "services";

    /** Every target to check now; an immutable list, swapped as a whole when targets change. */
    List<ServiceTarget> targets();
}
