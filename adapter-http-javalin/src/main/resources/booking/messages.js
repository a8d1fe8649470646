// What the page says for each problem `code` that docs/openapi.yaml lists on the routes it calls. Each
// message says what happened and what to do next, in plain words.

const MESSAGES = {
  // Catalog and availability
  unit_not_found: 'We could not find this place. The booking link may be mistyped or out of date.',
  service_not_found: 'This service is no longer offered here. Please choose another one.',
  // Holding a time
  slot_full: 'Sorry, this time was taken by someone else meanwhile. Here are the times that are still free.',
  not_a_slot: 'This time can no longer be booked (it has started, is too soon, or is outside the booking period). Please choose another time.',
  lock_not_found: 'We could not find your hold on this time. Please choose a time again.',
  lock_consumed: 'This time has already been booked with your hold.',
  lock_expired: 'Your hold ran out before the booking was confirmed, so the time was released. Please choose a time again.',
  lock_not_active: 'Your hold is no longer active (it was released or already used). Please choose a time again.',
  lock_of_another_service: 'The new time is for another service than your appointment. Please choose a time of the same service.',
  // Logging in
  invalid_code: 'That code is not right, or it has expired. Check the latest message we sent and try again.',
  too_many_attempts: 'Too many wrong codes: this code no longer works. Ask for a new code.',
  otp_cooldown: 'We sent you a code a moment ago. Please use it, or ask for a new one in a little while.',
  rate_limited: 'Too many login attempts from your network. Please wait a little, then try again.',
  unauthorized: 'Your login has ended. Please log in again with a new code.',
  // Appointments
  appointment_not_found: 'We could not find this appointment among yours.',
  appointment_cancelled: 'This appointment was cancelled, so it cannot be moved. Book a new one instead.',
  // Any request
  validation_failed: 'Some details are not valid. Please check the highlighted fields.',
  bad_request: 'The booking service could not read the request. Please reload the page and try again.',
  idempotency_key_in_progress: 'Your previous request is still being handled. Please wait a moment and try again.',
  idempotency_key_reused: 'This request was already sent with other details. Please reload the page and try again.',
  payload_too_large: 'What you typed is too long. Please shorten your notes.',
  unsupported_media_type: 'The booking service refused the request. Please reload the page and try again.',
  uri_too_long: 'The booking service refused the request. Please reload the page and try again.',
  header_fields_too_large: 'The booking service refused the request. Please reload the page and try again.',
  not_found: 'The booking service does not know this address. Please reload the page.',
  method_not_allowed: 'The booking service refused the request. Please reload the page.',
  dependency_unavailable: 'The booking service is briefly unavailable. Please try again in a moment.',
  internal_error: 'Something went wrong on our side. Please try again; if it keeps happening, contact the business.',
  network_error: 'We could not reach the booking service. Check your connection and try again.',
};

/** Seconds as words: "45 seconds", "2 minutes". */
export function waitWords(seconds) {
  if (seconds < 60) return seconds === 1 ? '1 second' : seconds + ' seconds';
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : minutes + ' minutes';
}

/** The message for a refusal (an ApiError), with the wait when the service gave one. */
export function messageFor(error) {
  const code = error && error.code;
  if (code === 'otp_cooldown' && error.retryAfter) {
    return 'We sent you a code a moment ago. Please use it, or ask for a new one in ' + waitWords(error.retryAfter) + '.';
  }
  if (code === 'too_many_attempts' && error.retryAfter) {
    return 'Too many wrong codes. Please wait ' + waitWords(error.retryAfter) + ', then try again.';
  }
  if (code === 'rate_limited' && error.retryAfter) {
    return 'Too many login attempts from your network. Please wait ' + waitWords(error.retryAfter) + ', then try again.';
  }
  if (code === 'internal_error' && error.problem && error.problem.detail) {
    return MESSAGES.internal_error + ' (' + error.problem.detail + ')';
  }
  if (code === 'dependency_unavailable' && error.retryAfter) {
    return 'The booking service is briefly unavailable. Please try again in ' + waitWords(error.retryAfter) + '.';
  }
  if (MESSAGES[code]) return MESSAGES[code];
  return 'Something went wrong (' + (code || 'unknown') + '). Please try again.';
}

/** Every code with a message of its own: the tests compare it with the document's codes. */
export const KNOWN_CODES = Object.keys(MESSAGES);
