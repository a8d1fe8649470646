/** Configuration from the environment, wiring of adapters into use cases, background jobs, the entry point. */
package dev.scheduling.bootstrap;
