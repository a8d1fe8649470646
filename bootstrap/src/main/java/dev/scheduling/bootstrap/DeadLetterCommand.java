package dev.scheduling.bootstrap;

import dev.scheduling.adapter.rabbitmq.DeadLetters;
import dev.scheduling.adapter.rabbitmq.RabbitMqConnection;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code java -jar scheduling-service.jar dead-letters list | replay [messageId] | drop [messageId]}: an
 * operator's hands on the notifications dead-letter queue, with the broker of {@code SCHEDULING_AMQP_URL}.
 * Without a message id, replay and drop take every message.
 */
final class DeadLetterCommand {
    static final String NAME = "dead-letters";
    static final String USAGE = "usage: dead-letters list | replay [messageId] | drop [messageId]";

    private DeadLetterCommand() {
    }

    /** Returns the process exit code. */
    static int run(String[] args, Configuration configuration, PrintStream out, PrintStream err) {
        if (args.length < 2 || !(args[1].equals("list") || args[1].equals("replay") || args[1].equals("drop"))) {
            err.println(USAGE);
            return Main.BAD_CONFIGURATION;
        }
        if (configuration.broker().isEmpty()) {
            err.println("scheduling-service: " + Configuration.AMQP_URL + ": must be set to reach the dead-letter queue");
            return Main.BAD_CONFIGURATION;
        }
        Configuration.Broker broker = configuration.broker().get();
        Optional<String> messageId = args.length > 2 ? Optional.of(args[2]) : Optional.empty();
        try (RabbitMqConnection connection = RabbitMqConnection.open(
                Wiring.rabbitMqSettings(broker), "scheduling-dead-letters")) {
            DeadLetters letters = new DeadLetters(connection, broker.notificationsQueue());
            switch (args[1]) {
                case "list" -> letters.list().forEach(letter -> out.printf("%s %s attempts=%d error=%s%n",
                        letter.messageId(), letter.type(), letter.attempts(), letter.lastError()));
                case "replay" -> out.println("replayed " + letters.replay(messageId));
                default -> out.println("dropped " + letters.drop(messageId));
            }
            return 0;
        } catch (Exception failure) {
            err.println("scheduling-service: dead-letters " + args[1] + " failed: " + failure.getMessage());
            return 1;
        }
    }
}
