// The newsroom's pages work without JavaScript; this only improves them.
(function () {
  'use strict';

  // Dashboard: each activity table becomes a chart; the table stays for its figures, behind a
  // button the keyboard reaches (a canvas's points are not), which shows and hides it.
  function charts() {
    if (typeof window.Chart !== 'function') return;
    document.querySelectorAll('figure[data-chart]').forEach(function (figure, index) {
      var table = figure.querySelector('table');
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var column = function (i) {
        return rows.map(function (row) { return Number(row.cells[i].textContent); });
      };
      var canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', figure.querySelector('figcaption').textContent + ' (the figures are in a table: press “Show the figures as a table”)');
      var wrap = figure.querySelector('.table-wrap');
      figure.insertBefore(canvas, wrap);
      wrap.id = wrap.id || 'chart-figures-' + index;
      wrap.hidden = true;
      var toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'secondary table-toggle';
      toggle.setAttribute('aria-controls', wrap.id);
      toggle.setAttribute('aria-expanded', 'false');
      toggle.textContent = 'Show the figures as a table';
      toggle.addEventListener('click', function () {
        var open = wrap.hidden;
        wrap.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? 'Hide the table' : 'Show the figures as a table';
      });
      figure.insertBefore(toggle, wrap);
      new window.Chart(canvas, {
        type: 'line',
        data: {
          labels: rows.map(function (row) { return row.cells[0].textContent; }),
          datasets: [
            { label: 'Sign-ups', data: column(1), borderColor: '#c8102e', backgroundColor: '#c8102e', tension: 0.2 },
            { label: 'Confirmations', data: column(2), borderColor: '#1a1a1a', backgroundColor: '#1a1a1a', tension: 0.2 },
            { label: 'Unsubscribes', data: column(3), borderColor: '#8a8a8a', backgroundColor: '#8a8a8a', borderDash: [4, 4], tension: 0.2 },
          ],
        },
        options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' } } },
      });
    });
  }

  // Progress: the figures follow the send every second, in place of the page reloading itself.
  function progress() {
    var box = document.querySelector('[data-progress]');
    if (!box) return;
    var bar = box.querySelector('progress');
    var controls = document.querySelector('.controls');
    var live = box.querySelector('[data-deadline]');
    // Text is replaced only when it changed, so a live region is not read out again every second.
    var show = function (el, text) {
      if (el.textContent !== text) el.textContent = text;
    };
    // The deadline's line: added, changed or removed as the send gets behind or back on course.
    var deadline = function (p) {
      var line = live.querySelector('p');
      if (!p.deadlineNote) {
        if (line) live.removeChild(line);
        return;
      }
      if (!line) {
        line = document.createElement('p');
        live.appendChild(line);
      }
      line.className = p.behind ? 'deadline behind' : 'deadline';
      show(line, p.deadlineNote);
    };
    var poll = function () {
      fetch(box.getAttribute('data-progress'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
        .then(function (p) {
          box.querySelectorAll('[data-field]').forEach(function (el) {
            var value = p[el.getAttribute('data-field')];
            show(el, value === null || value === undefined ? '–' : String(value));
          });
          if (live) deadline(p);
          bar.value = p.percent;
          bar.textContent = p.percent + ' %';
          if (p.finished) {
            box.querySelector('[data-report]').hidden = false;
            if (controls) controls.hidden = true;
          } else {
            setTimeout(poll, 1000);
          }
        })
        .catch(function () { setTimeout(poll, 5000); });
    };
    setTimeout(poll, 1000);
  }

  // Compose: the audience's size follows the ticks, before the draft is saved.
  function audience() {
    var box = document.querySelector('fieldset.audience');
    if (!box) return;
    var out = box.querySelector('[data-audience-count]');
    var update = function () {
      var everyone = box.querySelector('#audience-everyone');
      var ticked = box.querySelectorAll('input[name=sectors]:checked');
      if (ticked.length > 0 && everyone.checked && document.activeElement && document.activeElement.name === 'sectors') {
        box.querySelector('#audience-sectors').checked = true;
      }
      var readers = 0;
      if (everyone.checked) readers = Number(everyone.getAttribute('data-readers'));
      else ticked.forEach(function (el) { readers += Number(el.getAttribute('data-readers')); });
      out.textContent = readers + ' readers';
    };
    box.addEventListener('change', update);
    update();
  }

  // Compose: the note's length as it is typed, and the note as readers will see it, rendered by
  // the server (the same Markdown and allow-list as the email) a moment after typing stops.
  function note() {
    var field = document.querySelector('textarea[data-note-preview]');
    if (!field) return;
    var count = document.querySelector('[data-note-count]');
    var out = document.querySelector('[data-note-rendered]');
    var max = Number(count.getAttribute('data-note-count'));
    var timer = null;
    var sent = 0;
    var render = function () {
      var body = new URLSearchParams();
      body.set('_csrf', field.form.querySelector('input[name=_csrf]').value);
      body.set('note', field.value);
      var mine = ++sent;
      fetch(field.getAttribute('data-note-preview'), { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
        .then(function (preview) {
          if (mine !== sent) return;
          out.innerHTML = preview.html || '<p class="muted">No note: the edition opens with its articles.</p>';
        })
        .catch(function () {});
    };
    field.addEventListener('input', function () {
      count.textContent = field.value.replace(/\r\n?/g, '\n').trim().length + ' of ' + max + ' characters';
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    charts();
    audience();
    note();
    progress();
  });
})();
