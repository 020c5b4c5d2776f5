// Schedules and their executions, with run-now and resolve-recovery. The panel exists only where the server has
// the scheduler's API (GET /api/v1/schedules answers 200).

import { $, chip, h, replace } from './dom.js';
import { api, problemText } from './api.js';
import { operator } from './operator.js';
import * as fmt from './format.js';

export class SchedulesPanel {
  constructor() {
    this.section = $('#panel-schedules');
    this.available = false;
  }

  /** Asks the server; shows the panel only if it has schedules at all. */
  async refresh() {
    const result = await api('/api/v1/schedules', { quietAuth: !this.available });
    if (!result.ok) {
      if (result.status === 404 || result.status === 405) this.section.hidden = true;
      return;
    }
    this.available = true;
    this.section.hidden = false;
    this.renderSchedules(result.body); // GET /api/v1/schedules answers an array
    const executions = await api('/api/v1/executions?limit=20');
    if (executions.ok) this.renderExecutions(executions.body); // an array, newest first
  }

  renderSchedules(list) {
    const rows = list.map((s) => {
      const msg = h('span', { class: 'form-msg' });
      if (s.valid === false) {
        return h('tr', { dataset: { scheduleId: s.id } },
          h('td', { class: 'fill', title: s.experiment_path || '' }, s.name),
          h('td', { colspan: 3, class: 'small wrap' }, s.error || ''),
          h('td', {}, chip('DOWN', 'invalid')),
          h('td', {}));
      }
      const state = s.archived ? ['DISABLED', 'archived']
        : s.recovery_required ? ['DOWN', 'recovery required']
          : s.active === false ? ['DISABLED', 'paused'] : ['UP', 'active'];
      const every = s.schedule_type === 'interval' && s.interval_hours ? ` every ${s.interval_hours} h`
        : s.schedule_type === 'cron' && s.cron ? ` ${s.cron}` : '';
      return h('tr', { dataset: { scheduleId: s.id } },
        h('td', { class: 'fill', title: s.experiment_path || '' }, s.name),
        h('td', {}, `${s.schedule_type || ''}${every}`),
        h('td', {}, fmt.time(s.next_run)),
        h('td', {}, fmt.time(s.last_run)),
        h('td', {}, chip(state[0], state[1]),
          s.recovery_required && s.recovery_required.note ? h('div', { class: 'muted small' }, s.recovery_required.note) : null),
        h('td', {},
          h('button', {
            type: 'button', class: 'needs-operator', disabled: !!s.archived || !!s.recovery_required,
            onclick: () => this.act(msg, `/api/v1/schedules/${encodeURIComponent(s.id)}/run-now`, {}, 'Started'),
          }, 'Run now'), ' ',
          s.recovery_required ? h('button', {
            type: 'button', class: 'needs-operator',
            onclick: () => this.act(msg, `/api/v1/schedules/${encodeURIComponent(s.id)}/recovery`,
              { action: 'resolve', actor: operator() || 'dashboard', note: 'resolved from the dashboard' }, 'Resolved'),
          }, 'Resolve recovery') : null, ' ', msg));
    });
    replace($('#schedules tbody'), rows.length ? rows : h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No schedules.')));
  }

  renderExecutions(list) {
    const rows = list.map((e) => h('tr', { dataset: { executionId: e.id } },
      h('td', {}, e.schedule_name || e.schedule_id),
      h('td', {}, chip(e.status)),
      h('td', {}, fmt.time(e.start)),
      h('td', {}, fmt.time(e.end)),
      h('td', { class: 'num' }, e.exit_code ?? '–'),
      h('td', { class: 'small wrap' }, e.error || '')));
    replace($('#executions tbody'), rows.length ? rows : h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No executions yet.')));
  }

  async act(msg, path, body, done) {
    msg.textContent = '…';
    msg.classList.remove('error');
    const result = await api(path, { method: 'POST', body });
    msg.textContent = result.ok ? done : problemText(result);
    msg.classList.toggle('error', !result.ok);
    if (result.ok) this.refresh();
  }
}
