/**
 * Abstract contract suites, one per driven port: each holds every test of its port and asks only for
 * an adapter's ports; an adapter's test class extends it and supplies them. Shipped in the test-jar.
 * Every test makes its own data with fresh random ids and never assumes an empty store, so that an
 * adapter backed by a database may share one schema between the tests of a class.
 */
package dev.scheduling.application.port.out.contract;
