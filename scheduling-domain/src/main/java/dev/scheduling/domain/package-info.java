/**
 * The scheduling domain: units and their services, slot generation, capacity, locks and the events
 * they raise. It depends on the JDK only; time, randomness and storage reach it as arguments.
 */
package dev.scheduling.domain;
