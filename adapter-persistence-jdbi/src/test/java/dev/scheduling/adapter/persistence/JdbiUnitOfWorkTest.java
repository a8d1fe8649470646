package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.UnitOfWorkContract;
import dev.scheduling.domain.event.EventEnvelope;
import dev.scheduling.events.json.EventJson;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unit of work on JDBI transactions; delivered events are the committed outbox rows. */
class JdbiUnitOfWorkTest extends UnitOfWorkContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }

    /**
     * Read on another thread: JDBI lends a thread's open handle to nested calls, and this must see only
     * what other connections see, the committed rows.
     */
    @Override
    protected List<EventEnvelope> deliveredEvents() {
        return CompletableFuture.supplyAsync(() -> schema.database().database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT envelope FROM outbox_events ORDER BY id")
                .mapTo(String.class)
                .map(EventJson::decode)
                .list())).join();
    }
}
