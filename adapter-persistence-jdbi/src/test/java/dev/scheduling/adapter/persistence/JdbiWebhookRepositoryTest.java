package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.WebhookRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebhookRepository contract on PostgreSQL, in a schema of this class's own. */
class JdbiWebhookRepositoryTest extends WebhookRepositoryContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }
}
