package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.WebhookDeliveriesContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WebhookDeliveries contract on PostgreSQL, in a schema of this class's own. */
class JdbiWebhookDeliveriesTest extends WebhookDeliveriesContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }
}
