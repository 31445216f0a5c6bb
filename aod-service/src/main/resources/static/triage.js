// AOD Triage: Scan -> list detections -> Auto-Connect via DCL. DOM built with textContent only (no HTML injection).
(function () {
  'use strict';

  const scanButton = document.getElementById('scan-button');
  const scanStatus = document.getElementById('scan-status');
  const list = document.getElementById('detections');
  const result = document.getElementById('handoff-result');
  const chaos = document.getElementById('chaos-toggle');
  const reconcile = document.getElementById('reconcile-toggle');
  const template = document.getElementById('detection-template');
  let dashboardUrl = null;

  fetch('api/config/ui', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : null))
    .then((config) => { dashboardUrl = config && config.dcl_dashboard_url; })
    .catch(() => { dashboardUrl = null; });

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function probeText(probe) {
    if (!probe) return 'not probed';
    const parts = [probe.reachable ? 'reachable' : 'unreachable'];
    if (probe.http_status) parts.push('HTTP ' + probe.http_status);
    parts.push(probe.latency_ms + ' ms');
    parts.push(probe.detail);
    return parts.join(' · ');
  }

  function renderDetection(detection) {
    const item = template.content.firstElementChild.cloneNode(true);
    const probe = detection.probe || {};
    const weak = probe.reachable && !probe.looks_like_invoices;
    item.classList.add(!probe.reachable ? 'unreachable' : weak ? 'weak' : 'reachable');
    item.querySelector('.platform').textContent = detection.platform;
    item.querySelector('.route').textContent = detection.detected_url || '—';
    item.querySelector('.asset').textContent = detection.related_asset || '—';
    item.querySelector('.confidence-meter').value = detection.confidence;
    item.querySelector('.confidence').textContent = Math.round(detection.confidence * 100) + '%';
    item.querySelector('.probe').textContent = probeText(probe);
    const button = item.querySelector('.auto-connect');
    button.setAttribute('aria-label', 'Auto-Connect via DCL: ' + detection.platform);
    button.addEventListener('click', () => autoConnect(detection.platform, button));
    return item;
  }

  async function scan() {
    scanButton.disabled = true;
    scanButton.setAttribute('aria-busy', 'true');
    scanStatus.textContent = 'Scanning…';
    try {
      const response = await fetch('api/scan/middleware', { headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (!response.ok) throw new Error(problemText(response.status, body));
      list.replaceChildren(...body.detections.map(renderDetection));
      const seen = new Date(body.scanned_at).toLocaleTimeString();
      scanStatus.textContent = body.detections.length + ' detection(s) at ' + seen + '.';
    } catch (error) {
      scanStatus.textContent = 'Scan failed: ' + error.message;
    } finally {
      scanButton.disabled = false;
      scanButton.removeAttribute('aria-busy');
    }
  }

  function problemText(status, problem) {
    const title = (problem && problem.title) || 'Error';
    const detail = (problem && problem.detail) || '';
    return status + ' ' + title + (detail ? ' — ' + detail : '');
  }

  function dashboardLink() {
    const link = el('a', 'Open the DCL dashboard');
    link.id = 'dcl-dashboard-link';
    link.href = dashboardUrl || '#';
    link.target = '_blank';
    link.rel = 'noopener';
    return link;
  }

  function definitionList(pairs) {
    const dl = document.createElement('dl');
    pairs.forEach(([term, value]) => {
      if (value === undefined || value === null) return;
      dl.append(el('dt', term), el('dd', value));
    });
    return dl;
  }

  function showSuccess(body) {
    const dcl = body.dcl || {};
    result.className = 'result ok';
    result.replaceChildren(
      el('h3', body.status),
      definitionList([
        ['DCL status', dcl.status],
        ['Connector', dcl.connector_id || body.connector_id],
        ['Version', dcl.version],
        ['Target URL', dcl.target_url],
        ['Previous target', dcl.previous_target_url],
        ['Reconcile', body.targeting_package && body.targeting_package.policy
          && body.targeting_package.policy.reconcile ? 'on' : 'off'],
      ]),
      dashboardLink());
  }

  function showProblem(status, problem) {
    result.className = 'result error';
    const extra = [];
    if (problem && problem.dcl_status) extra.push(['DCL answered', 'HTTP ' + problem.dcl_status]);
    if (problem && problem.dcl_detail) extra.push(['DCL said', problem.dcl_detail]);
    if (problem && problem.attempts) extra.push(['Attempts', problem.attempts]);
    result.replaceChildren(
      el('h3', (status ? status + ' ' : '') + ((problem && problem.title) || 'Error')),
      el('p', (problem && problem.detail) || 'No detail given.', 'detail'),
      definitionList(extra),
      dashboardLink());
  }

  async function autoConnect(platform, button) {
    const buttons = list.querySelectorAll('.auto-connect');
    buttons.forEach((b) => { b.disabled = true; });
    button.setAttribute('aria-busy', 'true');
    result.className = 'result';
    result.replaceChildren(el('p', 'Sending provisioning command to DCL…', 'muted'));
    try {
      const response = await fetch('api/actions/provision-connector', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ platform: platform, chaos: chaos.checked, reconcile: reconcile.checked }),
      });
      let body = null;
      try { body = await response.json(); } catch (notJson) { body = null; }
      if (response.ok) showSuccess(body); else showProblem(response.status, body);
      result.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      showProblem(0, { title: 'AOD unreachable', detail: error.message });
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      button.removeAttribute('aria-busy');
    }
  }

  scanButton.addEventListener('click', scan);
}());
