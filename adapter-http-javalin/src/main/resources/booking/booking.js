// The booking page of one unit, GET /book/{unitId}: choose a service, a day and a time, hold it, log in
// with a code, confirm; then see, reschedule or cancel the appointment, and list one's appointments.
// Plain DOM, no framework. Text is always set with textContent, never parsed as HTML.
import { ApiError, call, logIn, logOut, loggedIn, newKey, serverNow } from './api.js';
import { messageFor } from './messages.js';

const $ = id => document.getElementById(id);
const STEPS = ['loading', 'not-found', 'service', 'day', 'time', 'login', 'confirm', 'appointment', 'mine'];
const DAYS_SHOWN = 7;

const unitId = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop() || '');
const state = {
  unit: null,
  services: [],
  service: null,
  weekStart: null,
  day: null,
  hold: null,         // the lock while it is held
  bookKey: null,      // Idempotency-Key of the booking of this hold
  rescheduling: null, // the appointment being moved, in the reschedule flow
  appointment: null,  // the appointment on view
  contact: null,      // {channel: 'email'|'phone', value}
  afterLogin: 'confirm',
  timer: null,
  warned: false,
  resendTimer: null,
};

// ---- dates and times, always in the unit's time zone ------------------------------------------------

function zone() {
  return state.unit.timeZone;
}

/** Today's date (YYYY-MM-DD) in the unit's time zone, by the server's clock. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(serverNow()));
}

function addDays(date, days) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A local date as words: "Wednesday 4 March 2026" (it is a calendar date, so formatted in UTC). */
function longDate(date) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(date + 'T00:00:00Z'));
}

function shortDate(date) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
    .format(new Date(date + 'T00:00:00Z'));
}

/** An instant as a local time of the unit: "09:05". */
function localTime(instant) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone(), hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(instant));
}

function zoneOffset() {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone(), timeZoneName: 'shortOffset' })
      .formatToParts(new Date(serverNow()));
    const name = parts.find(part => part.type === 'timeZoneName');
    return name ? name.value : '';
  } catch (unsupported) {
    return '';
  }
}

function when(item) {
  return longDate(item.date) + ', ' + item.startTime + '–' + item.endTime;
}

// ---- showing steps, status and problems -----------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'text') node.textContent = value;
    else if (name === 'onclick') node.addEventListener('click', value);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value);
  }
  children.forEach(child => node.append(child));
  return node;
}

/** Shows one step and, unless told not to, moves the focus to its heading, so that keyboard and screen
 *  reader users land on what is new. */
function show(step, { focus = true } = {}) {
  for (const name of STEPS) $('step-' + name).hidden = name !== step;
  $('hold').hidden = !(state.hold && (step === 'login' || step === 'confirm'));
  if (focus) {
    const heading = $('step-' + step).querySelector('h2');
    if (heading) heading.focus();
  }
}

function status(message) {
  $('status').textContent = message;
}

function clearProblem() {
  $('problem').hidden = true;
  $('problem-text').textContent = '';
  $('problem-action').hidden = true;
}

function problem(message, action) {
  $('problem-text').textContent = message;
  const button = $('problem-action');
  button.hidden = !action;
  if (action) {
    button.textContent = action.label;
    button.onclick = () => {
      clearProblem();
      action.run();
    };
  }
  $('problem').hidden = false;
}

function fail(error) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    problem('Something went wrong on this page. Please reload it and try again.');
    return;
  }
  if (error.code === 'unit_not_found') {
    notFound();
    return;
  }
  problem(messageFor(error));
}

function fieldError(input, errorNode, message) {
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  errorNode.textContent = message || '';
  errorNode.hidden = !message;
  if (message) input.focus();
}

/** Runs an action with its button disabled, so that a double click sends one request. */
async function busy(button, action) {
  if (button) button.disabled = true;
  document.body.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    if (button && button.isConnected) button.disabled = false;
    document.body.removeAttribute('aria-busy');
  }
}

function notFound() {
  stopCountdown();
  document.title = 'Not found – Book an appointment';
  $('unit-name').textContent = 'Booking';
  $('zone-note').textContent = '';
  show('not-found', { focus: false });
}

// ---- 1. services ------------------------------------------------------------------------------------------

async function start() {
  if (!unitId) {
    notFound();
    return;
  }
  try {
    state.unit = await call('GET', '/units/' + encodeURIComponent(unitId));
    const list = await call('GET', '/units/' + encodeURIComponent(unitId) + '/services');
    state.services = list.services;
  } catch (error) {
    show('service', { focus: false });
    fail(error);
    return;
  }
  document.title = 'Book an appointment – ' + state.unit.name;
  $('unit-name').textContent = state.unit.name;
  const offset = zoneOffset();
  $('zone-note').textContent = 'All times are local to ' + state.unit.name + ': time zone ' + zone()
    + (offset ? ' (' + offset + ')' : '') + '.';
  renderServices();
  // No focus move on the first view: in an embedding page, that would scroll the host page to the frame.
  show('service', { focus: false });
}

function renderServices() {
  const list = $('services');
  list.replaceChildren();
  const bookable = state.services.filter(service => service.active);
  if (bookable.length === 0) {
    list.append(el('li', { text: 'No service can be booked here at the moment.' }));
    return;
  }
  for (const service of bookable) {
    list.append(el('li', {},
      el('button', { type: 'button', 'data-service-id': service.id, onclick: () => chooseService(service) },
        el('span', { text: service.name }),
        el('span', { class: 'sub', text: ' · ' + service.durationMinutes + ' minutes' }))));
  }
}

function chooseService(service) {
  clearProblem();
  state.service = service;
  state.weekStart = today();
  show('day');
  renderWeek();
}

// ---- 2. days ----------------------------------------------------------------------------------------------

function lastBookableDay() {
  return addDays(today(), state.service.bookingWindowDays);
}

async function renderWeek() {
  const first = state.weekStart < today() ? today() : state.weekStart;
  const last = lastBookableDay();
  const to = addDays(first, DAYS_SHOWN - 1) < last ? addDays(first, DAYS_SHOWN - 1) : last;
  $('day-context').textContent = state.rescheduling
    ? 'Moving your ' + state.service.name + ' of ' + shortDate(state.rescheduling.date) + ', '
      + state.rescheduling.startTime + '–' + state.rescheduling.endTime + ' to another time.'
    : state.service.name + ', ' + state.service.durationMinutes + ' minutes.';
  $('back-to-services').textContent = state.rescheduling ? 'Keep my appointment as it is' : 'Change service';
  $('prev-week').disabled = first <= today();
  $('next-week').disabled = to >= last;
  const days = $('days');
  days.replaceChildren(el('li', { text: 'Looking for free times…' }));
  let slots;
  try {
    slots = (await call('GET', availabilityPath({ from: first, to }))).slots;
  } catch (error) {
    days.replaceChildren();
    fail(error);
    return;
  }
  const free = new Map();
  for (const slot of slots) {
    if (slot.available) free.set(slot.date, (free.get(slot.date) || 0) + 1);
  }
  days.replaceChildren();
  for (let date = first; date <= to; date = addDays(date, 1)) {
    const count = free.get(date) || 0;
    days.append(el('li', {},
      el('button', {
        type: 'button', 'data-date': date, disabled: count === 0,
        'aria-label': longDate(date) + ', ' + (count === 0 ? 'no free times' : count + ' free ' + (count === 1 ? 'time' : 'times')),
        onclick: () => chooseDay(date),
      },
        el('span', { text: shortDate(date) }),
        el('span', { class: 'sub', text: count === 0 ? 'no free times' : count + ' free' }))));
  }
  if (first > last) {
    days.replaceChildren(el('li', { text: 'No day can be booked for this service at the moment.' }));
  }
}

function availabilityPath(range) {
  const query = new URLSearchParams({ serviceId: state.service.id, ...range });
  return '/units/' + encodeURIComponent(unitId) + '/availability?' + query;
}

function moveWeek(days) {
  clearProblem();
  state.weekStart = addDays(state.weekStart < today() ? today() : state.weekStart, days);
  renderWeek();
}

// ---- 3. times and the hold ----------------------------------------------------------------------------

function chooseDay(date) {
  clearProblem();
  state.day = date;
  show('time');
  loadSlots();
}

async function loadSlots() {
  $('time-context').textContent = longDate(state.day) + '. Times in ' + zone() + '.';
  const list = $('slots');
  list.replaceChildren(el('li', { text: 'Looking for free times…' }));
  let slots;
  try {
    slots = (await call('GET', availabilityPath({ date: state.day }))).slots;
  } catch (error) {
    list.replaceChildren();
    fail(error);
    return;
  }
  list.replaceChildren();
  if (slots.length === 0) {
    list.append(el('li', { text: 'No times are left on this day. Please choose another day.' }));
    return;
  }
  for (const slot of slots) {
    const free = Math.max(0, slot.capacityTotal - slot.capacityUsed);
    const label = slot.startTime + '–' + slot.endTime;
    const detail = !slot.available ? 'taken' : slot.capacityTotal > 1 ? free + ' of ' + slot.capacityTotal + ' free' : 'free';
    list.append(el('li', {},
      el('button', {
        type: 'button', 'data-time': slot.startTime, disabled: !slot.available,
        'aria-label': label + ', ' + detail,
        onclick: event => busy(event.currentTarget, () => hold(slot)),
      }, el('span', { text: label }), el('span', { class: 'sub', text: detail }))));
  }
}

async function hold(slot) {
  clearProblem();
  releaseHold();
  let lock;
  try {
    lock = await call('POST', '/slots/lock', {
      key: newKey(),
      body: { unitId, serviceId: state.service.id, date: slot.date, startTime: slot.startTime, quantity: 1 },
    });
  } catch (error) {
    if (error.code === 'slot_full' || error.code === 'not_a_slot') {
      problem(messageFor(error));
      await loadSlots();
      $('h-time').focus();
      return;
    }
    if (error.code === 'service_not_found') {
      problem(messageFor(error));
      show('service');
      return;
    }
    fail(error);
    return;
  }
  state.hold = lock;
  state.bookKey = newKey();
  $('hold-summary').textContent = state.service.name + ' on ' + longDate(lock.date) + ', ' + lock.startTime + '–'
    + lock.endTime + ' (' + zone() + ' time).';
  $('hold-until').textContent = 'Held until ' + localTime(lock.expiresAt) + ' ' + zone() + ' time.';
  startCountdown();
  status(lock.startTime + '–' + lock.endTime + ' on ' + longDate(lock.date) + ' is held for you. Confirm before '
    + localTime(lock.expiresAt) + '.');
  nextAfterHold();
}

function nextAfterHold() {
  if (loggedIn()) {
    showConfirm();
  } else {
    state.afterLogin = 'confirm';
    showLogin();
  }
}

function startCountdown() {
  stopCountdown();
  state.warned = false;
  $('hold').classList.remove('expiring');
  tick();
  state.timer = setInterval(tick, 250);
}

function stopCountdown() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

function tick() {
  if (!state.hold) return;
  const left = Date.parse(state.hold.expiresAt) - serverNow();
  if (left <= 0) {
    holdRanOut();
    return;
  }
  const seconds = Math.ceil(left / 1000);
  const text = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  if ($('countdown').textContent !== text) $('countdown').textContent = text;
  if (seconds <= 60 && !state.warned) {
    state.warned = true;
    $('hold').classList.add('expiring');
    status('Less than a minute left to confirm your time.');
  }
}

/** The hold has run out by the countdown: the time is free for others again; choose again. The page's
 *  clock may be up to a second ahead of the server's, so the hold is also released (answered EXPIRED, or
 *  RELEASED a moment early), and the times listed again show it free. */
async function holdRanOut() {
  const lost = state.hold;
  $('countdown').textContent = '0:00';
  await releaseHold();
  status('');
  show('time');
  problem('Your hold on ' + lost.startTime + '–' + lost.endTime + ' ran out, so the time was released. '
    + 'Please choose a time again.');
  loadSlots();
}

/** Lets the held time go (when choosing another, leaving, or on request). */
function releaseHold({ keepalive = false } = {}) {
  if (!state.hold) return Promise.resolve();
  const token = state.hold.reservationToken;
  state.hold = null;
  stopCountdown();
  if (keepalive) {
    // The page is going away: a request that outlives it.
    fetch('/slots/release', {
      method: 'POST', keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reservationToken: token }),
    }).catch(() => {});
    return Promise.resolve();
  }
  return call('POST', '/slots/release', { body: { reservationToken: token } }).catch(() => {});
}

// ---- 4. log in with a code ------------------------------------------------------------------------------

function showLogin() {
  $('h-login').textContent = state.afterLogin === 'mine' ? 'Log in to see your appointments' : '4. Log in to confirm';
  show('login');
}

function channel() {
  return document.querySelector('input[name="channel"]:checked').value;
}

function setChannel() {
  const input = $('contact');
  const phone = channel() === 'phone';
  input.type = phone ? 'tel' : 'email';
  input.autocomplete = phone ? 'tel' : 'email';
  $('contact-label').textContent = phone ? 'Mobile number with country code, such as +55 11 99999 0000' : 'E-mail address';
  fieldError(input, $('contact-error'), '');
}

function readContact() {
  const raw = $('contact').value.trim();
  if (channel() === 'phone') {
    const phone = raw.replace(/[\s().-]/g, '');
    return /^\+[1-9][0-9]{7,14}$/.test(phone) ? { channel: 'phone', value: phone } : null;
  }
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) && raw.length <= 254 ? { channel: 'email', value: raw } : null;
}

async function requestCode(contact) {
  const sent = await call('POST', '/auth/login-client/request', { body: { [contact.channel]: contact.value } });
  state.contact = contact;
  $('login-request').hidden = true;
  $('login-verify').hidden = false;
  $('code').value = '';
  fieldError($('code'), $('code-error'), '');
  $('code-label').textContent = '6-digit code sent to ' + contact.value;
  $('code-hint').textContent = 'The code works until ' + localTime(sent.expiresAt) + ' ' + zone() + ' time.';
  waitToResend(sent.resendAvailableAt);
  status('We sent a code to ' + contact.value + '.');
  $('code').focus();
}

function waitToResend(resendAvailableAt) {
  const button = $('resend-code');
  if (state.resendTimer) clearTimeout(state.resendTimer);
  const wait = Date.parse(resendAvailableAt) - serverNow();
  button.disabled = wait > 0;
  if (wait > 0) state.resendTimer = setTimeout(() => { button.disabled = false; }, wait);
}

async function onRequestCode(event) {
  event.preventDefault();
  clearProblem();
  const contact = readContact();
  if (!contact) {
    fieldError($('contact'), $('contact-error'), channel() === 'phone'
      ? 'Enter a mobile number with its country code, such as +55 11 99999 0000.'
      : 'Enter an e-mail address, such as ana@example.com.');
    return;
  }
  fieldError($('contact'), $('contact-error'), '');
  await busy($('send-code'), async () => {
    try {
      await requestCode(contact);
    } catch (error) {
      if (error.code === 'validation_failed') {
        fieldError($('contact'), $('contact-error'), channel() === 'phone'
          ? 'This mobile number is not valid.' : 'This e-mail address is not valid.');
      }
      fail(error);
    }
  });
}

async function onVerify(event) {
  event.preventDefault();
  clearProblem();
  const code = $('code').value.replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(code)) {
    fieldError($('code'), $('code-error'), 'Enter the 6 digits of the code we sent.');
    return;
  }
  await busy($('verify-code'), async () => {
    try {
      const session = await call('POST', '/auth/login-client/verify',
        { body: { [state.contact.channel]: state.contact.value, code } });
      logIn(session.accessToken, session.expiresAt);
    } catch (error) {
      if (error.code === 'invalid_code' || error.code === 'too_many_attempts' || error.code === 'validation_failed') {
        $('code').value = '';
        fieldError($('code'), $('code-error'), messageFor(error));
        problem(messageFor(error));
        if (error.code === 'too_many_attempts') $('resend-code').focus();
        return;
      }
      fail(error);
      return;
    }
    showSession();
    resetLogin();
    status('You are logged in as ' + state.contact.value + '.');
    if (state.afterLogin === 'mine') showMine();
    else if (state.hold) showConfirm();
    else show('service');
  });
}

function resetLogin() {
  $('login-request').hidden = false;
  $('login-verify').hidden = true;
  $('code').value = '';
  fieldError($('code'), $('code-error'), '');
}

function showSession() {
  const who = $('session-who');
  who.textContent = state.contact ? 'Logged in as ' + state.contact.value : '';
  who.hidden = !state.contact;
  $('logout').hidden = !state.contact;
}

// ---- 5. confirm, or move the appointment -------------------------------------------------------------

function showConfirm() {
  const moving = Boolean(state.rescheduling);
  $('h-confirm').textContent = moving ? '5. Move your appointment' : '5. Confirm';
  $('confirm').textContent = moving ? 'Move my appointment here' : 'Confirm booking';
  $('notes').parentElement.querySelectorAll('label[for="notes"], #notes, #notes-hint')
    .forEach(node => { node.hidden = moving; });
  show('confirm');
}

async function onConfirm(event) {
  event.preventDefault();
  clearProblem();
  if (!state.hold) return;
  await busy($('confirm'), async () => {
    let appointment;
    try {
      if (state.rescheduling) {
        appointment = await call('POST', '/appointments/' + encodeURIComponent(state.rescheduling.id) + '/reschedule',
          { auth: true, body: { reservationToken: state.hold.reservationToken } });
      } else {
        const notes = $('notes').value.trim();
        appointment = await call('POST', '/appointments', {
          auth: true, key: state.bookKey,
          body: notes ? { reservationToken: state.hold.reservationToken, notes } : { reservationToken: state.hold.reservationToken },
        });
      }
    } catch (error) {
      confirmRefused(error);
      return;
    }
    const moved = Boolean(state.rescheduling);
    stopCountdown();
    state.hold = null;
    state.rescheduling = null;
    $('notes').value = '';
    showAppointment(appointment);
    status(moved ? 'Your appointment was moved to ' + when(appointment) + '.'
      : 'Booked! Your appointment is confirmed for ' + when(appointment) + '. We will send you a confirmation.');
  });
}

function confirmRefused(error) {
  switch (error.code) {
    case 'unauthorized':
      logOut();
      state.contact = null;
      showSession();
      resetLogin();
      state.afterLogin = 'confirm';
      showLogin();
      problem(messageFor(error));
      return;
    case 'lock_expired':
    case 'lock_not_active':
    case 'lock_not_found':
      stopCountdown();
      state.hold = null;
      show('time');
      problem(messageFor(error));
      loadSlots();
      return;
    case 'appointment_cancelled':
    case 'appointment_not_found':
      releaseHold();
      state.rescheduling = null;
      show('service');
      problem(messageFor(error));
      return;
    default:
      fail(error);
  }
}

// ---- the appointment, cancelling, rescheduling, and the list ----------------------------------------------

function serviceName(appointment) {
  const service = state.services.find(candidate => candidate.id === appointment.serviceId);
  return service ? service.name : 'A service of another place';
}

function showAppointment(appointment) {
  state.appointment = appointment;
  const here = appointment.unitId === state.unit.id;
  const cancelled = appointment.status === 'CANCELLED';
  const badge = $('appointment-status');
  badge.textContent = cancelled ? 'Cancelled' : 'Confirmed';
  badge.className = 'badge ' + (cancelled ? 'cancelled' : 'confirmed');
  $('appointment-service').textContent = serviceName(appointment);
  $('appointment-when').textContent = when(appointment) + (here ? ' (' + zone() + ' time)' : ' (local time of that place)');
  $('appointment-notes').textContent = appointment.notes || '–';
  const elsewhere = $('appointment-elsewhere');
  elsewhere.hidden = here;
  elsewhere.replaceChildren();
  if (!here) {
    elsewhere.append('This appointment is at another place. ',
      el('a', { href: '/book/' + encodeURIComponent(appointment.unitId), text: 'Open its booking page' }), ' to move it.');
  }
  $('reschedule').hidden = cancelled || !here;
  $('cancel').hidden = cancelled;
  $('cancel-confirm').hidden = true;
  show('appointment');
}

function askCancel() {
  $('cancel-confirm').hidden = false;
  $('cancel-no').focus();
}

async function cancelAppointment() {
  clearProblem();
  await busy($('cancel-yes'), async () => {
    let appointment;
    try {
      appointment = await call('POST', '/appointments/' + encodeURIComponent(state.appointment.id) + '/cancel', { auth: true });
    } catch (error) {
      if (error.code === 'unauthorized') {
        confirmRefused(error);
        return;
      }
      fail(error);
      return;
    }
    showAppointment(appointment);
    status('Your appointment of ' + when(appointment) + ' is cancelled.');
  });
}

function startReschedule() {
  clearProblem();
  const service = state.services.find(candidate => candidate.id === state.appointment.serviceId && candidate.active);
  if (!service) {
    problem('This service can no longer be booked here, so the appointment cannot be moved. You can cancel it.');
    return;
  }
  state.rescheduling = state.appointment;
  state.service = service;
  state.weekStart = today();
  show('day');
  renderWeek();
}

async function showMine() {
  clearProblem();
  if (!loggedIn()) {
    state.afterLogin = 'mine';
    showLogin();
    return;
  }
  show('mine');
  const list = $('mine');
  list.replaceChildren(el('li', { text: 'Loading your appointments…' }));
  let appointments;
  try {
    appointments = (await call('GET', '/clients/me/appointments', { auth: true })).appointments;
  } catch (error) {
    list.replaceChildren();
    if (error.code === 'unauthorized') {
      confirmRefused(error);
      state.afterLogin = 'mine';
      return;
    }
    fail(error);
    return;
  }
  list.replaceChildren();
  if (appointments.length === 0) {
    list.append(el('li', { text: 'You have no appointments yet.' }));
  }
  for (const appointment of appointments) {
    const cancelled = appointment.status === 'CANCELLED';
    const label = shortDate(appointment.date) + ' ' + appointment.date.slice(0, 4) + ', ' + appointment.startTime + '–'
      + appointment.endTime;
    list.append(el('li', { 'data-appointment-id': appointment.id },
      el('p', {},
        el('strong', { text: label }), ' · ' + serviceName(appointment) + ' · ',
        el('span', { class: 'badge ' + (cancelled ? 'cancelled' : 'confirmed'), text: cancelled ? 'Cancelled' : 'Confirmed' })),
      el('button', {
        type: 'button', class: 'secondary', text: 'View', 'aria-label': 'View the appointment of ' + label,
        onclick: () => { clearProblem(); showAppointment(appointment); },
      })));
  }
}

function bookAnother() {
  clearProblem();
  state.rescheduling = null;
  show('service');
}

function logOutNow() {
  logOut();
  releaseHold();
  state.appointment = null;
  state.rescheduling = null;
  state.contact = null;
  showSession();
  resetLogin();
  clearProblem();
  show('service');
  status('You are logged out.');
}

// ---- wiring ------------------------------------------------------------------------------------------------

$('prev-week').addEventListener('click', () => moveWeek(-DAYS_SHOWN));
$('next-week').addEventListener('click', () => moveWeek(DAYS_SHOWN));
$('back-to-services').addEventListener('click', () => {
  clearProblem();
  if (state.rescheduling) {
    const appointment = state.rescheduling;
    state.rescheduling = null;
    showAppointment(appointment);
  } else {
    show('service');
  }
});
$('back-to-days').addEventListener('click', () => { clearProblem(); show('day'); renderWeek(); });
$('release').addEventListener('click', async () => {
  clearProblem();
  await releaseHold();
  status('The time was released.');
  show('time');
  loadSlots();
});
document.querySelectorAll('input[name="channel"]').forEach(radio => radio.addEventListener('change', setChannel));
$('login-request').addEventListener('submit', onRequestCode);
$('login-verify').addEventListener('submit', onVerify);
$('resend-code').addEventListener('click', event => busy(event.currentTarget, async () => {
  clearProblem();
  try {
    await requestCode(state.contact);
    status('A new code is on its way to ' + state.contact.value + '.');
  } catch (error) {
    fail(error);
  }
}));
$('change-contact').addEventListener('click', () => {
  clearProblem();
  resetLogin();
  $('contact').focus();
});
$('confirm-form').addEventListener('submit', onConfirm);
$('reschedule').addEventListener('click', startReschedule);
$('cancel').addEventListener('click', askCancel);
$('cancel-no').addEventListener('click', () => { $('cancel-confirm').hidden = true; $('cancel').focus(); });
$('cancel-yes').addEventListener('click', cancelAppointment);
$('appointment-mine').addEventListener('click', showMine);
$('show-mine').addEventListener('click', showMine);
$('mine-book').addEventListener('click', bookAnother);
$('book-another').addEventListener('click', bookAnother);
$('logout').addEventListener('click', logOutNow);
// Leaving the page: the held time goes back to others, and the token is dropped with the page's memory.
window.addEventListener('pagehide', () => {
  releaseHold({ keepalive: true });
  logOut();
});

start();
