/**
 * Thread-safe in-memory implementations of every driven port: the embedded mode, for applications that
 * use the core as a library and for a demo server. Nothing survives the process.
 */
package dev.scheduling.adapter.inmemory;
