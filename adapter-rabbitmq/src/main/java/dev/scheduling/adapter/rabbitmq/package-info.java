/**
 * The RabbitMQ event bus: the topology of EVENTS.md declared at start, a publisher with publisher
 * confirms and mandatory routing, and consumers with manual acknowledgement, retry queues with fixed
 * delays and a dead-letter queue.
 */
package dev.scheduling.adapter.rabbitmq;
