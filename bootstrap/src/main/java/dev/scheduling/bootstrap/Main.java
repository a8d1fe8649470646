package dev.scheduling.bootstrap;

import dev.scheduling.adapter.persistence.DatabaseUnavailableException;
import dev.scheduling.adapter.rabbitmq.BrokerUnavailableException;
import dev.scheduling.application.port.out.DependencyUnavailableException;

/**
 * Entry point of {@code scheduling-service.jar}: the service (no argument), the notifications worker
 * ({@code worker}) or the dead-letter tool ({@code dead-letters}). A bad configuration, or a database that cannot be
 * reached at start, stops the process with exit code 2 and one line that names the variable; otherwise
 * the service runs until it is signalled to stop.
 */
public final class Main {
    static final int BAD_CONFIGURATION = 2;
    /** The command that runs the notifications worker alone. */
    static final String WORKER = "worker";

    private Main() {
    }

    public static void main(String[] args) {
        Configuration configuration;
        try {
            configuration = Configuration.fromEnvironment(System.getenv());
        } catch (ConfigurationException bad) {
            System.err.println("scheduling-service: configuration error: " + bad.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        }
        if (args.length > 0 && args[0].equals(DeadLetterCommand.NAME)) {
            System.exit(DeadLetterCommand.run(args, configuration, System.out, System.err));
            return;
        }
        boolean worker = args.length > 0 && args[0].equals(WORKER);
        if (args.length > 0 && !worker) {
            System.err.println("scheduling-service: unknown command '" + args[0] + "'; usage: scheduling-service.jar"
                    + " [" + WORKER + " | " + DeadLetterCommand.NAME + " list|replay|drop [messageId]]");
            System.exit(BAD_CONFIGURATION);
            return;
        }
        AutoCloseable runtime;
        try {
            runtime = worker ? WorkerRuntime.start(configuration) : ServiceRuntime.start(configuration);
        } catch (ConfigurationException bad) {
            System.err.println("scheduling-service: configuration error: " + bad.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        } catch (DatabaseUnavailableException unavailable) {
            System.err.println("scheduling-service: " + Configuration.DB_URL + ": " + unavailable.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        } catch (BrokerUnavailableException unavailable) {
            System.err.println("scheduling-service: " + Configuration.AMQP_URL + ": " + unavailable.getMessage());
            System.exit(BAD_CONFIGURATION);
            return;
        } catch (DependencyUnavailableException refused) {
            // Reachable but refusing what the service needs at start (a topology that clashes, say).
            System.err.println("scheduling-service: the " + refused.component() + " refused the start: "
                    + (refused.getCause() == null ? refused.getMessage() : refused.getCause().getMessage()));
            System.exit(BAD_CONFIGURATION);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(runtime), "scheduling-shutdown"));
    }

    private static void close(AutoCloseable runtime) {
        try {
            runtime.close();
        } catch (Exception failure) {
            System.err.println("scheduling-service: stopping failed: " + failure.getMessage());
        }
    }
}
