package dev.scheduling.adapter.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.scheduling.application.port.out.HealthCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One connection to the broker, recovered automatically (connection, channels, consumers and the
 * topology they declared) after a network failure or a broker restart.
 */
public final class RabbitMqConnection implements AutoCloseable {
    static final String COMPONENT = "broker";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(2);

    private final Connection connection;
    private final RabbitMqSettings settings;

    private RabbitMqConnection(Connection connection, RabbitMqSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** Connects; fails with {@link BrokerUnavailableException} when the broker cannot be reached at start. */
    public static RabbitMqConnection open(RabbitMqSettings settings, String connectionName) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.url());
        } catch (Exception invalid) {
            throw new BrokerUnavailableException("not an AMQP URL: " + settings.printableUrl(), invalid);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(RECOVERY_INTERVAL.toMillis());
        factory.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        factory.setRequestedHeartbeat(10);
        try {
            return new RabbitMqConnection(factory.newConnection(connectionName), settings);
        } catch (IOException | TimeoutException unreachable) {
            throw new BrokerUnavailableException("cannot connect to " + settings.printableUrl() + ": "
                    + unreachable.getMessage(), unreachable);
        }
    }

    public Channel openChannel() {
        try {
            return connection.createChannel();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public RabbitMqSettings settings() {
        return settings;
    }

    /** Readiness: the connection is open (not recovering). */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public String component() {
                return COMPONENT;
            }

            @Override
            public boolean isHealthy() {
                return connection.isOpen();
            }
        };
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close((int) CONNECT_TIMEOUT.toMillis());
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
