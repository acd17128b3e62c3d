/**
 * The hosted pages' script (served at `/assets/flow.js`). It posts `{height}` to the
 * parent when the page first loads, submits forms with fetch, shows field errors tied to
 * their inputs, moves focus to the new heading after each step, posts
 * `{step, status}` for each completed step (targetOrigin `*`, as Dots does; the receiver
 * checks that the message's origin is this page's), and follows `redirect` steps.
 * Forms work without it too (plain POST + redirect).
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var main = document.getElementById('dots-flow');
  if (!main) return;
  var embedded = window.parent && window.parent !== window;
  function send(message) { if (embedded) window.parent.postMessage(message, '*'); }

  function syncMethodFields(root) {
    var checked = root.querySelector('input[name="platform"]:checked');
    var fields = root.querySelectorAll('[data-when]');
    for (var i = 0; i < fields.length; i++) {
      fields[i].hidden = !!checked && fields[i].getAttribute('data-when') !== checked.value;
    }
  }

  function clearErrors(form) {
    var invalid = form.querySelectorAll('[aria-invalid="true"]');
    for (var i = 0; i < invalid.length; i++) invalid[i].removeAttribute('aria-invalid');
    var errors = form.querySelectorAll('.error');
    for (var j = 0; j < errors.length; j++) { errors[j].textContent = ''; errors[j].hidden = true; }
    var alert = form.querySelector('#form-alert');
    if (alert) { alert.textContent = ''; alert.hidden = true; }
  }

  function showErrors(form, body) {
    var details = (body && body.details) || [];
    var first = null;
    for (var i = 0; i < details.length; i++) {
      var name = String(details[i].field || '').split('.')[0];
      var error = form.querySelector('#f-' + name + '-error');
      var control = form.querySelector('#f-' + name);
      if (!error || !control) continue;
      error.textContent = details[i].message;
      error.hidden = false;
      var group = control.closest('fieldset') || control;
      group.setAttribute('aria-invalid', 'true');
      if (group !== control) control.setAttribute('aria-invalid', 'true');
      if (!first) first = control;
    }
    if (first) { first.focus(); return; }
    var alert = form.querySelector('#form-alert');
    if (alert) {
      alert.textContent = (body && body.message) || 'Something went wrong. Please try again.';
      alert.hidden = false;
      alert.setAttribute('tabindex', '-1');
      alert.focus();
    }
  }

  main.addEventListener('change', function (event) {
    if (event.target && event.target.name === 'platform') syncMethodFields(main);
  });

  main.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.tagName !== 'FORM') return;
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    clearErrors(form);
    var data = {};
    var entries = new FormData(form);
    entries.forEach(function (value, key) { data[key] = String(value); });
    fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(data),
      credentials: 'same-origin',
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (result) {
      form.removeAttribute('aria-busy');
      if (button) button.disabled = false;
      if (!result.ok) { showErrors(form, result.body); return; }
      if (result.body.message) send(result.body.message);
      if (result.body.redirect_url) { window.location.assign(result.body.redirect_url); return; }
      main.innerHTML = result.body.html;
      syncMethodFields(main);
      var title = document.getElementById('flow-title');
      if (title) title.focus();
    }).catch(function () {
      form.removeAttribute('aria-busy');
      if (button) button.disabled = false;
      showErrors(form, { message: 'Network error. Please try again.' });
    });
  });

  syncMethodFields(main);
  function postHeight() { send({ height: Math.ceil(document.documentElement.scrollHeight) }); }
  if (document.readyState === 'complete') postHeight();
  else window.addEventListener('load', postHeight);
})();
`;
