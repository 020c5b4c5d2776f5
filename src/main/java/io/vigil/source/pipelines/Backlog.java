package io.vigil.source.pipelines;

/** A watched queue's depth (messages ready for its consumers) and consumer count, or why it could not be read. */
public record Backlog(String queue, Long depth, Integer consumers, String error) {

    static Backlog of(String queue, long depth, int consumers) {
        return new Backlog(queue, depth, consumers, null);
    }

    static Backlog failed(String queue, String error) {
        return new Backlog(queue, null, null, error);
    }
}
