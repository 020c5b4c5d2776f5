// The robot's current run and its recent runs.

import { $, chip, h, replace } from './dom.js';
import * as fmt from './format.js';

export function renderExperiments(state) {
  const src = state.sources.experiments;
  const d = src && src.data;
  const box = $('#current-run');
  const health = state.health.experiments;
  if (health && health.status === 'NOT_CONFIGURED') {
    replace(box, h('p', { class: 'muted not-configured' }, 'The robot is not watched: ',
      health.detail || 'no HxRun database is configured.'));
    replace($('#recent-runs tbody'));
    return;
  }
  if (!d) {
    replace(box, h('p', { class: 'muted' }, src && src.status === 'DOWN'
      ? 'The HxRun database cannot be read.' : 'Waiting for the first poll…'));
    replace($('#recent-runs tbody'));
    return;
  }
  const run = d.current_run;
  if (run) {
    box.dataset.runGuid = run.run_guid;
    replace(box,
      h('div', {}, chip(run.state), ' ', h('span', { class: 'method' }, run.method_name || 'unnamed method')),
      h('div', {
        class: 'elapsed',
        dataset: {
          elapsed: run.elapsed_seconds,
          receivedAt: src.receivedAt,
          ticking: run.state === 'RUNNING' ? 'yes' : 'no',
        },
      }, fmt.duration(run.elapsed_seconds)),
      h('div', { class: 'muted small' }, `started ${fmt.time(run.start_time)} · ${run.run_guid}`));
  } else {
    delete box.dataset.runGuid;
    const last = (d.recent_runs || [])[0];
    replace(box,
      h('div', { class: 'method' }, 'Robot idle'),
      last ? h('div', { class: 'muted small' }, 'last run ', h('b', {}, last.method_name || last.run_guid), ' ',
        chip(last.state), ` ${fmt.ago(last.end_time || last.start_time)}`) : h('div', { class: 'muted small' }, 'No runs yet.'));
  }
  const rows = (d.recent_runs || []).slice(0, 10).map((r) => {
    const start = fmt.toMillis(r.start_time);
    const end = fmt.toMillis(r.end_time);
    const took = start && end ? fmt.duration((end - start) / 1000) : start ? `${fmt.duration((Date.now() - start) / 1000)}…` : '–';
    return h('tr', { dataset: { runGuid: r.run_guid } },
      h('td', { class: 'fill', title: `${r.method_name || ''} ${r.run_guid}` }, r.method_name || r.run_guid),
      h('td', {}, fmt.time(r.start_time)),
      h('td', { class: 'num' }, took),
      h('td', {}, chip(r.state)));
  });
  replace($('#recent-runs tbody'), rows.length ? rows : h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No runs yet.')));
}

/** Elapsed times of running runs move on between polls. */
export function tickElapsed() {
  document.querySelectorAll('[data-ticking="yes"]').forEach((el) => {
    const base = Number(el.dataset.elapsed);
    const since = Number(el.dataset.receivedAt);
    if (Number.isFinite(base) && Number.isFinite(since)) el.textContent = fmt.duration(base + (Date.now() - since) / 1000);
  });
}
