/**
 * The HTTP adapter: Javalin routes that parse and check requests, call the use cases and render
 * responses; RFC 9457 problems with stable codes; bearer-token checks; operations endpoints.
 */
package dev.scheduling.adapter.http;
