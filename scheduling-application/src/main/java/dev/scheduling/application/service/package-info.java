/** The use cases: plain classes that implement the in-ports over the out-ports, wired with {@code new}. */
package dev.scheduling.application.service;
