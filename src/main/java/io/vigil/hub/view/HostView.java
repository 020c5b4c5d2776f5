package io.vigil.hub.view;

/** The host source's snapshot, as outlets know it: by its name only (they pass it on as it is). */
public interface HostView {

    /** The host source's name, the {@code source} of its updates. */
    String SOURCE = "host";
}
