/**
 * The outbound side of webhooks: deliveries POSTed over HTTP on Jetty's client, signed with the webhook's
 * secret ({@link dev.scheduling.adapter.webhook.WebhookSignature}), bounded in time and in what is read
 * back, and sent only to the addresses the receiver policy allows, checked on the very addresses connected to.
 */
package dev.scheduling.adapter.webhook;
