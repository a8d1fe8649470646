package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.SlotCapacityStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SlotCapacityStore contract on PostgreSQL, in a schema of this class's own. */
class JdbiSlotCapacityStoreTest extends SlotCapacityStoreContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }
}
