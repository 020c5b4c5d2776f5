// Active alerts, with acknowledge and silence. Cards are kept per alert id and updated in place, so a form the
// operator is filling in survives the stream's updates. Links in notifications open the page on one alert's card.

import { $, h, replace } from './dom.js';
import { api, problemText } from './api.js';
import * as fmt from './format.js';

const OPERATOR_KEY = 'vigil.operator';
const SILENCE_HOURS = [1, 2, 4, 8, 24, 72];

export function operator() {
  try { return localStorage.getItem(OPERATOR_KEY) || ''; } catch { return ''; }
}

function rememberOperator(name) {
  try { localStorage.setItem(OPERATOR_KEY, name); } catch { /* not kept */ }
}

/**
 * The alert a notification links to: /?alert=ID#alerts shows its card, /?ack=ID#alerts also opens its Acknowledge
 * form. Null when the page was opened without one.
 */
export function linkedAlert(search = location.search) {
  const params = new URLSearchParams(search);
  const id = params.get('ack') || params.get('alert');
  return id ? { id, ack: !!params.get('ack') } : null;
}

const isActive = (a) => a.state === 'FIRING' || a.state === 'PENDING';
const severityRank = { critical: 0, warning: 1, info: 2 };

export class AlertsPanel {
  /** @param link the alert the page was opened for ({@link linkedAlert}), or null */
  constructor(state, link = null) {
    this.state = state;
    this.cards = new Map();
    this.list = $('#alerts');
    this.link = link;
  }

  /** Replaces every alert (after a REST read). */
  replaceAll(alerts) {
    this.state.alerts.clear();
    alerts.forEach((a) => this.state.alerts.set(a.id, a));
    this.render();
    if (this.link) this.followLink();
  }

  /**
   * Shows the alert the page was opened for, once the active alerts are known. It only opens the form: acknowledging
   * stays the form's POST, so following a link from an email never changes anything.
   */
  async followLink() {
    const { id, ack } = this.link;
    this.link = null;
    history.replaceState(null, '', `${location.pathname}${location.hash}`); // a reload does not open it again
    const msg = $('#alert-link');
    const card = this.cards.get(id);
    if (!card) {
      const r = await api('/api/v1/alerts?include_resolved=true', { quietAuth: true });
      const a = r.ok && Array.isArray(r.body) ? r.body.find((x) => x.id === id) : null;
      this.say(msg, `${a ? a.rule : 'The alert you followed a link to'} is no longer active`
        + `${a && a.resolved_at ? ` (resolved ${fmt.time(a.resolved_at)})` : ''}.`);
      msg.hidden = false;
      return;
    }
    card.el.classList.add('linked');
    card.el.scrollIntoView({ block: 'center' });
    if (!ack) return;
    if (card.ackButton.disabled) {
      this.say(msg, `${card.alert.rule}: ${card.ackButton.title}.`);
      msg.hidden = false;
    } else if (card.ackForm.hidden) {
      this.toggle(card, 'ack');
    }
  }

  /** One alert changed (WebSocket {"type":"alert"} or an action's answer). */
  upsert(alert) {
    if (!alert || !alert.id) return;
    if (isActive(alert)) this.state.alerts.set(alert.id, alert); else this.state.alerts.delete(alert.id);
    this.render();
  }

  render() {
    const alerts = [...this.state.alerts.values()].filter(isActive).sort((a, b) =>
      (a.state === b.state ? 0 : a.state === 'FIRING' ? -1 : 1)
      || (severityRank[a.severity] ?? 9) - (severityRank[b.severity] ?? 9)
      || String(a.rule).localeCompare(String(b.rule)));
    const count = $('#alert-count');
    count.textContent = String(alerts.length);
    count.classList.toggle('hot', alerts.some((a) => a.state === 'FIRING' && !a.ack && !a.silenced_by));
    for (const [id, card] of this.cards) {
      if (!this.state.alerts.has(id)) { card.el.remove(); this.cards.delete(id); }
    }
    const empty = this.list.querySelector('.empty');
    if (alerts.length === 0) {
      if (!empty) this.list.append(h('p', { class: 'muted empty' }, 'No active alerts.'));
      return;
    }
    if (empty) empty.remove();
    alerts.forEach((alert, i) => {
      let card = this.cards.get(alert.id);
      if (!card) {
        card = this.createCard(alert);
        this.cards.set(alert.id, card);
      }
      this.fill(card, alert);
      if (this.list.children[i] !== card.el) this.list.insertBefore(card.el, this.list.children[i] || null);
    });
  }

  createCard(alert) {
    const card = { id: alert.id };
    card.head = h('header');
    card.summary = h('p', { class: 'summary' });
    card.labels = h('div', { class: 'labels' });
    card.note = h('p', { class: 'note' });
    card.ackButton = h('button', { type: 'button', class: 'ack-button needs-operator', onclick: () => this.toggle(card, 'ack') }, 'Acknowledge');
    card.silenceButton = h('button', { type: 'button', class: 'silence-button needs-operator', onclick: () => this.toggle(card, 'silence') }, 'Silence…');
    card.ackForm = this.ackForm(card);
    card.silenceForm = this.silenceForm(card);
    card.el = h('article', { class: 'alert', dataset: { alertId: alert.id } },
      card.head, card.summary, card.labels, card.note,
      h('div', { class: 'actions' }, card.ackButton, card.silenceButton),
      card.ackForm, card.silenceForm);
    return card;
  }

  fill(card, a) {
    Object.assign(card.el.dataset, {
      severity: a.severity, state: a.state, rule: a.rule,
      acked: a.ack ? 'true' : 'false', silenced: a.silenced_by ? 'true' : 'false',
    });
    replace(card.head,
      h('span', { class: 'sev' }, a.severity),
      h('span', { class: 'rule' }, a.rule),
      h('span', { class: 'state' }, a.state),
      h('span', { class: 'muted small' }, `since ${fmt.time(a.fired_at || a.active_at)}`),
      a.stale ? h('span', { class: 'state', title: 'Its source is down: the value is not current' }, 'stale') : null);
    const ann = a.annotations || {};
    card.summary.textContent = ann.summary || ann.description || `${a.rule} (value ${fmt.count(a.value)})`;
    replace(card.labels, Object.entries(a.labels || {}).filter(([k]) => k !== 'alertname')
      .map(([k, v]) => h('span', {}, `${k}=${v}`)));
    const notes = [];
    if (a.ack) notes.push(`Acknowledged by ${a.ack.by} ${fmt.ago(a.ack.at)}${a.ack.note ? ` — “${a.ack.note}”` : ''}`);
    if (a.silenced_by) notes.push(`Silenced (silence ${a.silenced_by.slice(0, 8)})`);
    card.note.textContent = notes.join(' · ');
    card.note.hidden = notes.length === 0;
    card.ackButton.disabled = a.state !== 'FIRING' || !!a.ack;
    card.ackButton.title = a.state !== 'FIRING' ? 'Only a firing alert can be acknowledged' : a.ack ? 'Already acknowledged' : '';
    card.alert = a;
    // Matchers offered for a silence follow the alert's labels.
    const box = card.silenceForm.querySelector('.matchers');
    const known = [...box.querySelectorAll('input')].map((i) => i.value).join('|');
    const labels = Object.entries(a.labels || {});
    if (known !== labels.map(([k]) => k).join('|')) {
      replace(box, h('span', { class: 'muted' }, 'Match:'), labels.map(([k, v]) => h('label', {},
        h('input', { type: 'checkbox', name: 'matcher', value: k, checked: k !== 'severity' }), ` ${k}=${v}`)));
    }
  }

  toggle(card, which) {
    const form = which === 'ack' ? card.ackForm : card.silenceForm;
    const other = which === 'ack' ? card.silenceForm : card.ackForm;
    other.hidden = true;
    form.hidden = !form.hidden;
    if (!form.hidden) {
      const who = form.querySelector('input[name="by"]');
      if (!who.value) who.value = operator();
      (who.value ? form.querySelector('input[name="note"], input[name="comment"]') : who).focus();
    }
  }

  ackForm(card) {
    const msg = h('span', { class: 'form-msg' });
    const form = h('form', { class: 'ack-form', hidden: true },
      h('div', { class: 'row' },
        h('input', { type: 'text', name: 'by', required: true, placeholder: 'Your name', 'aria-label': 'Acknowledged by' }),
        h('input', { type: 'text', name: 'note', placeholder: 'Note (optional)', 'aria-label': 'Note' })),
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'primary' }, 'Acknowledge'),
        h('button', { type: 'button', class: 'ghost', onclick: () => { form.hidden = true; } }, 'Cancel'), msg));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const by = form.elements.by.value.trim();
      const note = form.elements.note.value.trim();
      if (!by) { form.elements.by.focus(); return; }
      rememberOperator(by);
      this.say(msg, 'Acknowledging…');
      const result = await api(`/api/v1/alerts/${encodeURIComponent(card.id)}/ack`, { method: 'POST', body: { by, note: note || null } });
      if (result.ok) {
        this.say(msg, '');
        form.hidden = true;
        form.elements.note.value = '';
        this.upsert(result.body);
      } else {
        this.say(msg, `Not acknowledged: ${problemText(result)}`, true);
      }
    });
    return form;
  }

  silenceForm(card) {
    const msg = h('span', { class: 'form-msg' });
    const form = h('form', { class: 'silence-form', hidden: true },
      h('div', { class: 'matchers' }),
      h('div', { class: 'row' },
        h('label', {}, 'for ', h('select', { name: 'hours', 'aria-label': 'Silence for' },
          SILENCE_HOURS.map((n) => h('option', { value: n, selected: n === 2 }, n === 1 ? '1 hour' : `${n} hours`)))),
        h('input', { type: 'text', name: 'by', required: true, placeholder: 'Your name', 'aria-label': 'Silenced by' })),
      h('div', { class: 'row' },
        h('input', { type: 'text', name: 'comment', required: true, placeholder: 'Why (required)', 'aria-label': 'Comment' })),
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'primary' }, 'Silence'),
        h('button', { type: 'button', class: 'ghost', onclick: () => { form.hidden = true; } }, 'Cancel'), msg));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const by = form.elements.by.value.trim();
      const comment = form.elements.comment.value.trim();
      const labels = card.alert.labels || {};
      const matchers = [...form.querySelectorAll('input[name="matcher"]:checked')]
        .map((i) => ({ name: i.value, value: labels[i.value], is_regex: false, is_equal: true }));
      if (matchers.length === 0) { this.say(msg, 'Choose at least one label to match.', true); return; }
      if (!by || !comment) { (by ? form.elements.comment : form.elements.by).focus(); return; }
      rememberOperator(by);
      const endsAt = new Date(Date.now() + Number(form.elements.hours.value) * 3600_000).toISOString();
      this.say(msg, 'Silencing…');
      const result = await api('/api/v1/silences', { method: 'POST', body: { matchers, ends_at: endsAt, created_by: by, comment } });
      if (result.ok) {
        form.hidden = true;
        form.elements.comment.value = '';
        this.say(msg, '');
        card.note.hidden = false;
        card.note.textContent = `Silenced until ${fmt.time(result.body.silence.ends_at)} by ${by}`;
        card.el.dataset.silenced = 'true';
      } else {
        this.say(msg, `Not silenced: ${problemText(result)}`, true);
      }
    });
    return form;
  }

  say(el, text, error = false) {
    el.textContent = text;
    el.classList.toggle('error', error);
  }
}
