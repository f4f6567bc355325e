// Suggestions as you type in the search box (the page works without this script: the form submits to /search).
// Arrow keys move through the list, Enter opens the active suggestion, Escape closes the list.
(function () {
  'use strict';
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  var system = document.getElementById('system');
  if (!input || !list) { return; }
  var items = [];
  var active = -1;
  var pending = null;
  var typedAt = 0;

  function close() {
    list.hidden = true;
    list.textContent = '';
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function setActive(n) {
    var options = list.children;
    if (active >= 0 && options[active]) { options[active].setAttribute('aria-selected', 'false'); }
    active = n;
    if (active >= 0 && options[active]) {
      options[active].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text; // text, never markup: content and typing are shown as typed
    return s;
  }

  function render(data) {
    list.textContent = '';
    items = data.items || [];
    active = -1;
    if (items.length === 0) { close(); return; }
    items.forEach(function (item, n) {
      var li = document.createElement('li');
      li.id = 'suggestion-' + n;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.appendChild(span('code', item.code));
      li.appendChild(span('display', item.display || ''));
      li.appendChild(span('system', item.systemName));
      if (item.status) {
        item.status.split(' ').forEach(function (s) { li.appendChild(span('badge badge-' + s, s)); });
      }
      li.addEventListener('mousedown', function (e) { e.preventDefault(); window.location.href = item.href; });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    // key to list on screen, for the browser tests and for anyone curious
    list.setAttribute('data-latency-ms', String(Math.round(performance.now() - typedAt)));
  }

  function suggest() {
    var q = input.value.trim();
    if (pending) { pending.abort(); pending = null; }
    if (q.length === 0) { close(); return; }
    var url = '/suggest?q=' + encodeURIComponent(q);
    if (system && system.value) { url += '&system=' + encodeURIComponent(system.value); }
    var controller = new AbortController();
    pending = controller;
    fetch(url, { signal: controller.signal, headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (data) { if (pending === controller) { pending = null; render(data); } })
      .catch(function () { /* aborted by a newer key, or offline: the form still works */ });
  }

  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setActive((active + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setActive(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.href = items[active].href;
    } else if (e.key === 'Escape') {
      close();
    } else {
      typedAt = performance.now();
    }
  });
  input.addEventListener('input', suggest);
  input.addEventListener('blur', function () { setTimeout(close, 150); });
  if (system) { system.addEventListener('change', suggest); }
})();
