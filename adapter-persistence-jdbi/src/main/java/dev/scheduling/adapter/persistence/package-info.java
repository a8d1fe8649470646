/**
 * PostgreSQL implementations of the driven ports on JDBI: one transaction per unit of work, exact
 * capacity through ordered row locks, a transactional outbox, and Flyway migrations applied at start.
 */
package dev.scheduling.adapter.persistence;
