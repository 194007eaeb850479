/*
 * The New Statesman newsletters' sign-up box, for any page on an allowed site.
 * No framework, no cookies, no storage. It renders into every <div data-newsletter-signup>:
 *   data-newsletters="morning-call,the-saturday-read"  the newsletters shown (all when absent)
 *   data-checked="morning-call"                        those ticked at first (a single one shown is ticked)
 *   data-sectors="off"                                 no job-sector list
 *   data-article-url="https://…"                       the article (default: the page's canonical URL)
 * Its look follows the host page through CSS custom properties:
 *   --newsletter-signup-brand, --newsletter-signup-font, --newsletter-signup-text,
 *   --newsletter-signup-background, --newsletter-signup-border.
 * On a page with SIGNUP_CHALLENGE=on, a <form data-newsletter-challenge> gets its proof of work before it is sent.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var service = script ? new URL(script.src, location.href).origin : location.origin;
  var formData = null;
  var count = 0;

  // SHA-256 in plain JavaScript: works on plain-http test pages too, and is quicker than one
  // crypto.subtle call per number tried.
  var K = [];
  (function () {
    var n = 2, found = 0;
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) | 0; }
    while (found < 64) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (prime) K[found++] = frac(Math.pow(n, 1 / 3));
      n++;
    }
  })();
  var H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var W = new Int32Array(64);
  function sha256hex(text) {
    var bytes = unescape(encodeURIComponent(text));
    var length = bytes.length, i;
    var total = (((length + 8) >> 6) + 1) * 16;
    var words = new Int32Array(total);
    for (i = 0; i < length; i++) words[i >> 2] |= bytes.charCodeAt(i) << (24 - (i % 4) * 8);
    words[length >> 2] |= 0x80 << (24 - (length % 4) * 8);
    words[total - 1] = length * 8;
    var h = H0.slice(), w = W;
    for (var block = 0; block < total; block += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        if (i < 16) w[i] = words[block + i];
        else {
          var x = w[i - 15], y = w[i - 2];
          w[i] = ((((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i - 7] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w[i - 16]) | 0;
        }
        var t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var hex = '';
    for (i = 0; i < 8; i++) hex += ('00000000' + (h[i] >>> 0).toString(16)).slice(-8);
    return hex;
  }

  /** A fresh ALTCHA solution (base64 JSON), worked out in slices so the page stays responsive. */
  function solve() {
    return fetch(service + '/embed/challenge', { credentials: 'omit' })
      .then(function (res) { if (!res.ok) throw new Error('challenge ' + res.status); return res.json(); })
      .then(function (ch) {
        var started = Date.now();
        return new Promise(function (resolve, reject) {
          var n = 0, max = ch.maxnumber || 1e6;
          (function slice() {
            for (var end = Math.min(n + 5000, max + 1); n < end; n++) {
              if (sha256hex(ch.salt + n) === ch.challenge) {
                return resolve(btoa(JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number: n, salt: ch.salt, signature: ch.signature, took: Date.now() - started })));
              }
            }
            if (n > max) reject(new Error('unsolved'));
            else setTimeout(slice, 0);
          })();
        });
      });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs) if (attrs[name] !== null && attrs[name] !== undefined && attrs[name] !== false) node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
    (children || []).forEach(function (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }

  function list(value) {
    return (value || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function canonical() {
    var link = document.querySelector('link[rel=canonical]');
    return (link && link.href) || location.href;
  }

  var STYLE =
    '.nsl{font-family:var(--newsletter-signup-font,inherit);color:var(--newsletter-signup-text,#1a1a1a);background:var(--newsletter-signup-background,#fff);border:1px solid var(--newsletter-signup-border,#d9d9d9);padding:1rem;max-width:40rem;box-sizing:border-box;line-height:1.5}' +
    '.nsl *{box-sizing:border-box}.nsl fieldset{border:0;margin:0 0 1rem;padding:0}.nsl legend{font-weight:bold;font-size:1.05rem;margin-bottom:.5rem;padding:0}' +
    '.nsl .nsl-choice{display:flex;gap:.6rem;align-items:flex-start;margin-bottom:.5rem}.nsl .nsl-choice input{width:1.2rem;height:1.2rem;margin-top:.2rem;flex:none;accent-color:var(--newsletter-signup-brand,#c8102e)}' +
    '.nsl .nsl-choice span{display:block;font-size:.9rem;opacity:.85}.nsl label.nsl-field{display:block;font-weight:bold;margin:.75rem 0 .3rem}' +
    '.nsl input[type=email],.nsl select{width:100%;font:inherit;padding:.55rem;border:1px solid #767676;background:#fff;color:#1a1a1a}' +
    '.nsl [aria-invalid=true]{border:2px solid #b00020}.nsl .nsl-error{color:#b00020;font-weight:bold;margin:.25rem 0}' +
    '.nsl button{font:inherit;font-weight:bold;margin-top:1rem;background:var(--newsletter-signup-brand,#c8102e);color:#fff;border:1px solid var(--newsletter-signup-brand,#c8102e);padding:.65rem 1.3rem;cursor:pointer}' +
    '.nsl button[disabled]{opacity:.6;cursor:default}.nsl :focus{outline:3px solid #ffbf47;outline-offset:1px}' +
    '.nsl .nsl-notice{font-size:.8rem;opacity:.85;margin:1rem 0 0}.nsl a{color:var(--newsletter-signup-brand,#c8102e)}' +
    '.nsl .nsl-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.nsl .nsl-alert{border-left:4px solid #b00020;padding:.5rem .75rem;margin:0 0 1rem}' +
    '.nsl h2{font-size:1.3rem;margin:0 0 .5rem}';

  function addStyle() {
    if (document.getElementById('nsl-style')) return;
    var style = el('style', { id: 'nsl-style' });
    style.textContent = STYLE;
    (document.head || document.documentElement).appendChild(style);
  }

  function render(host, data) {
    var p = 'nsl' + ++count + '-';
    var shown = list(host.getAttribute('data-newsletters'));
    var checked = list(host.getAttribute('data-checked'));
    var newsletters = data.newsletters.filter(function (n) { return shown.length === 0 || shown.indexOf(n.slug) >= 0; });
    if (newsletters.length === 1) checked = [newsletters[0].slug];
    var iframe = host.getAttribute('data-via') === 'iframe';
    // In the iframe, the article is the page that framed it: named in the snippet, else the referrer.
    var articleUrl = host.getAttribute('data-article-url') || (iframe ? document.referrer : canonical());
    var sectors = host.getAttribute('data-sectors') !== 'off';
    var parentOrigin = host.getAttribute('data-parent-origin');

    var alert = el('div', { class: 'nsl-alert', role: 'alert', tabindex: '-1', hidden: true });
    var boxes = newsletters.map(function (n) {
      return el('div', { class: 'nsl-choice' }, [
        el('input', { type: 'checkbox', name: 'newsletters', value: n.slug, id: p + n.slug, checked: checked.indexOf(n.slug) >= 0, 'aria-describedby': p + n.slug + '-blurb' }),
        el('label', { for: p + n.slug }, [el('strong', {}, [n.name]), el('span', { id: p + n.slug + '-blurb' }, [n.blurb])]),
      ]);
    });
    var fieldset = el('fieldset', { id: p + 'newsletters' }, [el('legend', {}, [data.notice.prompt]), el('div', { class: 'nsl-error', id: p + 'newsletters-error', hidden: true })].concat(boxes));
    var email = el('input', { type: 'email', id: p + 'email', name: 'email', autocomplete: 'email', spellcheck: 'false', required: true });
    var parts = [alert, fieldset, el('label', { class: 'nsl-field', for: p + 'email' }, ['Email address']), el('div', { class: 'nsl-error', id: p + 'email-error', hidden: true }), email];
    var sector = null;
    if (sectors) {
      sector = el('select', { id: p + 'jobSector', name: 'jobSector' }, [el('option', { value: '' }, ['Select your job sector'])].concat(data.sectors.map(function (s) { return el('option', { value: s.slug }, [s.label]); })));
      parts.push(el('label', { class: 'nsl-field', for: p + 'jobSector' }, ['Job sector']), el('div', { class: 'nsl-error', id: p + 'jobSector-error', hidden: true }), sector);
    }
    var trap = el('input', { type: 'text', id: p + 'website', name: 'website', tabindex: '-1', autocomplete: 'off' });
    parts.push(el('div', { class: 'nsl-trap', 'aria-hidden': 'true' }, [el('label', { for: p + 'website' }, ['Leave this field empty']), trap]));
    var button = el('button', { type: 'submit' }, ['Sign up']);
    parts.push(button);
    var notice = el('p', { class: 'nsl-notice' }, [data.notice.before]);
    if (data.notice.link) notice.appendChild(el('a', { href: data.privacyPolicyUrl, target: '_blank', rel: 'noopener' }, [data.notice.link]));
    notice.appendChild(document.createTextNode(data.notice.after));
    parts.push(notice);
    var form = el('form', { novalidate: true, 'aria-label': 'Sign up to our newsletters' }, parts);
    var box = el('div', { class: 'nsl' }, [form]);
    host.innerHTML = '';
    host.appendChild(box);

    // The work starts when a reader comes to the form, not on every page view.
    var solution = null;
    function prepare() {
      solution = solve();
      solution.catch(function () {});
    }
    form.addEventListener('focusin', function () { if (!solution) prepare(); });

    function tellHeight() {
      if (iframe && parentOrigin && window.parent !== window) window.parent.postMessage({ type: 'newsletter-signup:height', height: Math.ceil(document.documentElement.scrollHeight) }, parentOrigin);
    }
    if (window.ResizeObserver) new ResizeObserver(tellHeight).observe(box);
    tellHeight();

    function fieldError(field, message) {
      var holder = document.getElementById(p + field + '-error');
      var input = field === 'newsletters' ? fieldset : document.getElementById(p + field);
      if (!holder || !input) return false;
      holder.textContent = message;
      holder.hidden = false;
      if (input !== fieldset) input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '').replace(p + field + '-error', '') + ' ' + p + field + '-error').trim());
      return input;
    }
    function clearErrors() {
      alert.hidden = true;
      ['newsletters', 'email', 'jobSector'].forEach(function (field) {
        var holder = document.getElementById(p + field + '-error');
        var input = field === 'newsletters' ? fieldset : document.getElementById(p + field);
        if (holder) { holder.hidden = true; holder.textContent = ''; }
        if (input) {
          input.removeAttribute('aria-invalid');
          var rest = (input.getAttribute('aria-describedby') || '').replace(p + field + '-error', '').trim();
          if (rest) input.setAttribute('aria-describedby', rest); else input.removeAttribute('aria-describedby');
        }
      });
    }
    function showAlert(message) {
      alert.textContent = message;
      alert.hidden = false;
      alert.focus();
    }
    function done(address) {
      var heading = el('h2', { tabindex: '-1' }, ['Check your inbox']);
      box.innerHTML = '';
      box.appendChild(el('div', { role: 'status' }, [heading, el('p', {}, ['A message is on its way to ', el('strong', {}, [address]), '. Follow the link in it to confirm your sign-up or to manage your newsletters.']), el('p', {}, ['Nothing there after a few minutes? Look in your spam folder.'])]));
      heading.focus();
      tellHeight();
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors();
      button.disabled = true;
      button.textContent = 'Signing up…';
      var chosen = boxes.map(function (b) { return b.querySelector('input'); }).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      var mine = solution || solve();
      prepare();
      mine
        .then(function (altcha) {
          return fetch(service + '/subscribe', {
            method: 'POST',
            credentials: 'omit',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ email: email.value, newsletters: chosen, jobSector: sector ? sector.value : '', noticeVersion: data.notice.version, website: trap.value, articleUrl: articleUrl, via: iframe ? 'iframe' : 'script', altcha: altcha }),
          });
        })
        .then(function (res) {
          if (res.status === 202) return done(email.value.trim());
          if (res.status === 429) return showAlert('Too many sign-ups from your connection just now. Please wait a minute and try again.');
          if (res.status === 503) return showAlert('Signing up is not available just now. Please try again in a few minutes.');
          return res.json().then(function (body) {
            var first = null, general = [];
            (body.errors || []).forEach(function (e) {
              var input = fieldError(e.field, e.message);
              if (input) first = first || input;
              else general.push(e.message);
            });
            if (general.length > 0 || !first) showAlert(general.join(' ') || 'Something went wrong. Please try again.');
            else (first === fieldset ? fieldset.querySelector('input') : first).focus();
          }, function () { showAlert('Something went wrong. Please try again.'); });
        }, function () {
          showAlert('We could not reach the sign-up service. Check your connection and try again.');
        })
        .then(function () {
          button.disabled = false;
          button.textContent = 'Sign up';
          tellHeight();
        });
    });
  }

  function start() {
    var hosts = [].slice.call(document.querySelectorAll('div[data-newsletter-signup]:not([data-rendered])'));
    var forms = [].slice.call(document.querySelectorAll('form[data-newsletter-challenge]'));
    forms.forEach(function (form) {
      form.addEventListener('submit', function (event) {
        var field = form.querySelector('input[name=altcha]');
        if (field.value) return;
        event.preventDefault();
        solve().then(function (altcha) { field.value = altcha; form.submit(); }, function () { form.submit(); });
      });
    });
    if (hosts.length === 0) return;
    hosts.forEach(function (host) { host.setAttribute('data-rendered', ''); });
    addStyle();
    formData = formData || fetch(service + '/embed/form', { credentials: 'omit' }).then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); });
    formData.then(
      function (data) { hosts.forEach(function (host) { render(host, data); }); },
      function () { hosts.forEach(function (host) { host.textContent = 'The newsletter sign-up box could not be loaded. Please try again later.'; }); },
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
