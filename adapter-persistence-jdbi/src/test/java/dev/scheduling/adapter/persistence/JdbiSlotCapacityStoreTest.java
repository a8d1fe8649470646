package dev.scheduling.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.adapter.persistence.testing.PostgresSchema;
import dev.scheduling.application.SchedulingPorts;
import dev.scheduling.application.port.out.contract.SlotCapacityStoreContract;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SlotCapacityStore contract on PostgreSQL, in a schema of this class's own; and what the table keeps:
 * a row for each minute in use, none for a minute nobody holds.
 */
class JdbiSlotCapacityStoreTest extends SlotCapacityStoreContract {
    @RegisterExtension
    static final PostgresSchema schema = new PostgresSchema();

    @Override
    protected SchedulingPorts newPorts(Clock clock) {
        return PostgresPorts.over(schema.database(), clock);
    }

    @Test
    void aMinuteGivenBackToNothingKeepsNoRow() {
        assertThat(tryTake(service(), "09:00", "10:00", 2, 3)).isTrue();
        assertThat(tryTake(service(), "09:30", "10:30", 1, 3)).isTrue();

        giveBack(service(), "09:00", "10:00", 2);

        assertThat(storedMinutes()).as("09:30 to 10:30, held by the second take")
                .containsExactly("09:30 1", "10:29 1");
        assertThat(rows()).isEqualTo(60);

        giveBack(service(), "09:30", "10:30", 1);

        assertThat(rows()).isZero();
    }

    @Test
    void aRefusedTakeLeavesNoRowBehind() {
        assertThat(tryTake(service(), "09:00", "09:30", 1, 2)).isTrue();
        assertThat(tryTake(service(), "09:30", "10:00", 2, 2)).isTrue();
        assertThat(tryTake(service(), "10:00", "10:30", 1, 2)).isTrue();

        // Raises the rows of 09:00-09:30 and 10:00-10:30, inserts 10:30-11:00, and finds 09:30-10:00 full.
        assertThat(tryTake(service(), "09:00", "11:00", 1, 2)).isFalse();

        assertThat(rows()).as("only the minutes of the three takes").isEqualTo(90);
        assertThat(storedMinutes()).containsExactly("09:00 1", "10:29 1");
    }

    /** The number of rows of this test's service. */
    private long rows() {
        return schema.database().database().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM slot_capacity WHERE service_id = :serviceId")
                .bind("serviceId", service().value())
                .mapTo(Long.class)
                .one());
    }

    /** "HH:mm used" of the first and the last stored minute of this test's service. */
    private List<String> storedMinutes() {
        return schema.database().database().jdbi().withHandle(handle -> handle.createQuery("""
                        (SELECT minute, used FROM slot_capacity WHERE service_id = :serviceId ORDER BY minute LIMIT 1)
                        UNION ALL
                        (SELECT minute, used FROM slot_capacity WHERE service_id = :serviceId
                         ORDER BY minute DESC LIMIT 1)""")
                .bind("serviceId", service().value())
                .map((rs, ctx) -> String.format("%02d:%02d %d", rs.getLong("minute") / 60 % 24,
                        rs.getLong("minute") % 60, rs.getInt("used")))
                .list());
    }
}
