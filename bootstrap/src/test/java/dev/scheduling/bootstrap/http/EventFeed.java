package dev.scheduling.bootstrap.http;

import java.util.List;

/**
 * What the service under test has published on its event bus since the test class started, whatever
 * carries it (the in-memory bus, a broker queue). Events of other tests are mixed in: filter by token
 * or appointment id.
 */
public interface EventFeed {

    /**
     * Every {@code slot.*} and {@code appointment.*} event received so far, in order of arrival; safe to
     * call from any thread.
     */
    List<ObservedEvent> received();
}
