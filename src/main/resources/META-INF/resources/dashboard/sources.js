// The sources: header chips and the sources panel.

import { $, chip, h, replace } from './dom.js';
import * as fmt from './format.js';

/** Header chips and the sources panel: status, since when, and the last error. */
export function renderSources(state) {
  const names = Object.keys(state.health).sort();
  replace($('#source-chips'), names.map((name) => {
    const s = state.health[name];
    return h('span', {
      class: 'chip',
      dataset: { source: name, status: s.status },
      title: s.last_error ? `${name}: ${s.status} — ${s.last_error}` : `${name}: ${s.status}`,
    }, h('span', { class: 'name' }, name), s.status);
  }));

  replace($('#sources'), names.length === 0 ? h('p', { class: 'muted' }, 'No sources yet.') : names.map((name) => {
    const s = state.health[name];
    return h('div', { class: 'source-row', dataset: { source: name, status: s.status } },
      h('div', {}, h('b', {}, name), s.optional ? h('span', { class: 'muted small' }, ' (optional)') : null,
        h('div', { class: 'muted small' }, [
          s.since ? `${String(s.status).toLowerCase()} since ${fmt.time(s.since)}` : null,
          s.last_success ? `last reading ${fmt.ago(s.last_success)}` : null,
        ].filter(Boolean).join(' · '))),
      chip(s.status),
      s.last_error ? h('div', { class: 'err' }, `Last error${s.last_error_at ? ` (${fmt.time(s.last_error_at)})` : ''}: ${s.last_error}`) : null,
      s.detail ? h('div', { class: 'detail' }, s.detail) : null);
  }));
}
