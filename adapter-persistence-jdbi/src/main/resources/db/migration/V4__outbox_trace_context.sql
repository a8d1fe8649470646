-- The trace context of the command that wrote each event (W3C traceparent and tracestate), so that the
-- relay can pass it to the broker in the message headers and the consumers' spans join the command's trace.
ALTER TABLE outbox_events ADD COLUMN traceparent text, ADD COLUMN tracestate text;
