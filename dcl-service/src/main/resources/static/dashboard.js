// DCL live dashboard: server-sent events from /api/events (log lines and telemetry ticks), plus a light poll of
// recent records and dead letters. Everything from the server is written with textContent: raw lines are hostile.
(function () {
  'use strict';

  const MAX_LOG_LINES = 300;
  const CHART_SECONDS = 300;
  const HANDSHAKE = /Received Provisioning Command/;
  const status = document.getElementById('stream-status');
  const log = document.getElementById('log');
  let selectedConnector = null;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function formatNumber(value, key) {
    if (typeof value !== 'number') return value === null || value === undefined ? '–' : String(value);
    if (key === 'tps' || key === 'quality_score' || key === 'repair_rate') return value.toFixed(1);
    return value.toLocaleString('en-US');
  }

  function formatDuration(seconds) {
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
    return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
  }

  // --- live log -------------------------------------------------------------------------------------------
  function appendLog(entry) {
    const message = entry.message || '';
    let cls = 'level-' + (entry.level || 'INFO');
    if (HANDSHAKE.test(message)) cls += ' handshake';
    else if (message.startsWith('Drift Detected')) cls += ' drift';
    else if (message.startsWith('Repaired')) cls += ' repaired';
    const time = entry.ts ? new Date(entry.ts).toLocaleTimeString() : '';
    const line = el('li', time + '  ' + (entry.level || '') + '  ' + message, 'log-line ' + cls);
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 20;
    log.appendChild(line);
    while (log.children.length > MAX_LOG_LINES) log.removeChild(log.firstChild);
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  // --- telemetry ------------------------------------------------------------------------------------------
  function renderCounters(counts) {
    document.querySelectorAll('#totals [data-counter]').forEach(function (dd) {
      const key = dd.getAttribute('data-counter');
      dd.textContent = formatNumber(counts[key], key);
    });
  }

  // --- audit: the counters against a recount of the stores (GET /api/connectors/{id}/audit) ------------------
  function refreshAudit() {
    if (!selectedConnector) return;
    const id = selectedConnector;
    fetch('/api/connectors/' + encodeURIComponent(id) + '/audit').then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (audit) {
      if (!audit) return;
      const identity = document.getElementById('identity');
      identity.textContent = 'audit ' + id + ': counted ' + formatNumber(audit.counted.delivered) + ' delivered + '
        + formatNumber(audit.counted.dead_lettered) + ' dead-lettered, stored ' + formatNumber(audit.stored.delivered)
        + ' + ' + formatNumber(audit.stored.dead_lettered) + (audit.balanced ? '  ✓' : '  ✗')
        + '  (checked ' + new Date(audit.checked_at).toLocaleTimeString() + ')';
      identity.className = 'identity ' + (audit.balanced ? 'ok' : 'bad');
    }).catch(function () { /* next poll */ });
  }

  function renderConnectors(connectors) {
    const body = document.querySelector('#connectors tbody');
    body.replaceChildren();
    document.getElementById('no-connectors').hidden = connectors.length > 0;
    connectors.forEach(function (c) {
      const row = el('tr');
      row.dataset.connectorId = c.connector_id;
      row.appendChild(el('td', c.connector_id));
      row.appendChild(el('td', c.state, 'state state-' + c.state));
      row.appendChild(el('td', c.target_url, 'url'));
      row.appendChild(el('td', c.version, 'version'));
      row.appendChild(el('td', formatDuration(c.uptime_seconds || 0)));
      row.appendChild(el('td', c.last_error || ''));
      row.appendChild(el('td', (c.worker_id || '-') + (c.lease_epoch ? ' (epoch ' + c.lease_epoch + ')' : ''), 'worker'));
      body.appendChild(row);
    });
    const counters = document.querySelector('#connector-counters tbody');
    counters.replaceChildren();
    connectors.forEach(function (c) {
      const row = el('tr');
      row.dataset.connectorId = c.connector_id;
      row.appendChild(el('th', c.connector_id));
      row.lastChild.setAttribute('scope', 'row');
      ['lines_received', 'delivered', 'dead_lettered', 'control', 'drift_detected', 'repaired_success',
        'verified_count', 'verified_failed', 'reconciled', 'tps', 'quality_score'].forEach(function (key) {
        const cell = el('td', formatNumber(c[key], key));
        cell.dataset.counter = key;
        row.appendChild(cell);
      });
      counters.appendChild(row);
    });
    if (connectors.length && !connectors.some(function (c) { return c.connector_id === selectedConnector; })) {
      selectedConnector = connectors[0].connector_id;
      refreshTables();
      refreshAudit();
    }
  }

  // --- chart (uPlot) --------------------------------------------------------------------------------------
  const chartData = [[], []];
  let chart = null;
  function chartWidth() {
    return Math.max(280, document.getElementById('chart').clientWidth || 600);
  }
  function clockTime(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit',
      hour12: false });
  }
  function addPoint(tps) {
    chartData[0].push(Date.now() / 1000);
    chartData[1].push(tps);
    while (chartData[0].length && chartData[0][0] < Date.now() / 1000 - CHART_SECONDS) {
      chartData[0].shift();
      chartData[1].shift();
    }
    if (!window.uPlot) return;
    if (!chart) {
      chart = new uPlot({
        width: chartWidth(), height: 220,
        series: [{ label: 'time', value: function (u, ts) { return ts == null ? '' : clockTime(ts); } },
                 { label: 'records/s', stroke: '#4cc2ff', width: 2, fill: 'rgba(76,194,255,0.12)' }],
        axes: [
          // wall-clock labels (14:05:30) a person reads at a glance, spaced so they never overlap
          { stroke: '#a9b6c3', grid: { stroke: '#2a3946' }, space: 90,
            values: function (u, splits) { return splits.map(clockTime); } },
          { stroke: '#a9b6c3', grid: { stroke: '#2a3946' } }]
      }, chartData, document.getElementById('chart'));
      window.addEventListener('resize', function () { chart.setSize({ width: chartWidth(), height: 220 }); });
    } else {
      chart.setData(chartData);
    }
  }

  function onTelemetry(snapshot) {
    renderCounters(snapshot.totals);
    renderConnectors(snapshot.connectors || []);
    addPoint(snapshot.totals.tps || 0);
  }

  // --- recent records and dead letters ---------------------------------------------------------------------
  function items(json) {
    if (Array.isArray(json)) return json;
    return json.records || json.dead_letters || json.items || [];
  }

  function refreshTables() {
    if (!selectedConnector) return;
    const base = '/api/connectors/' + encodeURIComponent(selectedConnector);
    fetch(base + '/records?limit=15').then(function (r) { return r.ok ? r.json() : []; }).then(function (json) {
      const body = document.querySelector('#records tbody');
      body.replaceChildren();
      items(json).forEach(function (envelope) {
        const meta = envelope.meta || {}, payload = envelope.payload || {};
        const row = el('tr', null, meta.is_repaired ? 'repaired' : '');
        row.appendChild(el('td', payload.invoice_id));
        row.appendChild(el('td', meta.config_version));
        const fields = el('td');
        (meta.repaired_fields || []).forEach(function (f) { fields.appendChild(el('mark', f, 'repaired-field')); });
        row.appendChild(fields);
        const verified = meta.verified === undefined || meta.verified === null ? 'clean' : String(meta.verified);
        row.appendChild(el('td', verified, 'verified-' + meta.verified));
        const disputed = el('td', null, 'disputed');
        if (meta.verified === false) {
          (meta.mismatches || []).forEach(function (m) { disputed.appendChild(el('mark', m.field, 'disputed-field')); });
          if (meta.verify_error) disputed.appendChild(el('span', meta.verify_error, 'verify-error'));
        }
        row.appendChild(disputed);
        const reconciled = el('td', null, 'reconciled');
        (meta.reconciled || []).forEach(function (r) { reconciled.appendChild(el('mark', r.field, 'reconciled-field')); });
        row.appendChild(reconciled);
        row.appendChild(el('td', payload.total_amount));
        body.appendChild(row);
      });
    }).catch(function () { /* next poll */ });
    fetch(base + '/dead-letters?limit=15').then(function (r) { return r.ok ? r.json() : []; }).then(function (json) {
      const body = document.querySelector('#dead-letters tbody');
      body.replaceChildren();
      items(json).forEach(function (letter) {
        const row = el('tr');
        row.appendChild(el('td', letter.reason, 'reason'));
        row.appendChild(el('td', letter.detail));
        row.appendChild(el('td', letter.raw, 'raw'));
        body.appendChild(row);
      });
    }).catch(function () { /* next poll */ });
  }

  // --- server-sent events (EventSource reconnects by itself) -----------------------------------------------
  // --- workers (GET /api/cluster): who reads what, from any worker ------------------------------------------------
  function refreshWorkers() {
    fetch('/api/cluster').then(function (r) { return r.ok ? r.json() : null; }).then(function (cluster) {
      if (!cluster) return;
      const line = document.getElementById('workers');
      line.textContent = '';
      line.appendChild(el('strong', cluster.mode === 'redis' ? 'Cluster on Redis' : 'Embedded mode (one worker)'));
      (cluster.workers || []).forEach(function (w) {
        const ids = (w.connectors || []).join(', ') || 'no connector';
        const seen = w.last_seen ? ' · seen ' + new Date(w.last_seen).toLocaleTimeString([], { hour12: false }) : '';
        line.appendChild(el('span', ' — ' + w.worker_id + (w.worker_id === cluster.worker_id ? ' (this one)' : '')
          + ': ' + ids + seen, 'worker'));
      });
    }).catch(function () { /* next poll */ });
  }

  function connect() {
    const events = new EventSource('/api/events');
    events.onopen = function () { status.textContent = 'Live'; status.className = 'status live'; };
    events.onerror = function () { status.textContent = 'Reconnecting to live events…'; status.className = 'status'; };
    events.addEventListener('log', function (e) { appendLog(JSON.parse(e.data)); });
    events.addEventListener('telemetry', function (e) { onTelemetry(JSON.parse(e.data)); });
  }

  fetch('/api/ingest/telemetry').then(function (r) { return r.json(); }).then(onTelemetry).catch(function () {});
  connect();
  setInterval(refreshTables, 2000);
  setInterval(refreshAudit, 3000);
  refreshWorkers();
  setInterval(refreshWorkers, 5000);
})();
