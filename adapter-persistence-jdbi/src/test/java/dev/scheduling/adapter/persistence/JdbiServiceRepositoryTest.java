package dev.scheduling.adapter.persistence;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.ServiceRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ServiceRepository contract on PostgreSQL, in a schema of this class's own. */
class JdbiServiceRepositoryTest extends ServiceRepositoryContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }
}
