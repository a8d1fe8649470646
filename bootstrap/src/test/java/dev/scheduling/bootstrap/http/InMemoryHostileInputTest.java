package dev.scheduling.bootstrap.http;

import java.util.List;
import java.util.Map;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The hostile-input properties against the in-memory service. */
@PropertyDefaults(tries = 400)
class InMemoryHostileInputTest extends HostileInputProperties {

    @BeforeContainer
    static void start() {
        service = new HostileService(Map.of(), List.of());
    }

    @AfterContainer
    static void stop() throws Exception {
        service.close();
    }
}
