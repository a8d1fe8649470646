package dev.scheduling.bootstrap.http;

import java.util.Map;

/** The HTTP contract in the embedded mode: in-memory adapters and the in-memory event bus. */
class InMemoryHttpTest extends RunningServiceHttpTest {

    @Override
    protected Map<String, String> modeEnvironment() {
        return Map.of();
    }
}
