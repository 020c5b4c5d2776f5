// Active alerts, with acknowledge and silence. Cards are kept per alert id and updated in place, so a form the
// operator is filling in survives the stream's updates. Links in notifications open the page on one alert's card.
// Alerts are grouped by name (one rule firing for many runs, mounts or pipelines is one line), critical first, and
// can be filtered by severity and state: at twenty alerts the panel must not push the host's charts off the screen.

import { $, h, replace } from './dom.js';
import { api, problemText } from './api.js';
import * as fmt from './format.js';
import { operator, rememberOperator } from './operator.js';

const SILENCE_HOURS = [1, 2, 4, 8, 24, 72];

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
const severityRank = { CRITICAL: 0, WARNING: 1, INFO: 2 };
const SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'];
const STATES = ['FIRING', 'PENDING'];
/** Up to this many alerts shown, groups start open; more, and they start collapsed to a line each. */
const OPEN_UP_TO = 6;
/** Groups the operator opened or closed, by alert name: kept for the browser tab's session. */
const GROUPS_KEY = 'vigil.alert-groups';

/** Severity in one spelling whatever the wire says (CRITICAL or critical). */
const severityOf = (a) => String(a.severity || 'INFO').toUpperCase();
const rankOf = (a) => severityRank[severityOf(a)] ?? 9;
const byUrgency = (a, b) => (a.state === b.state ? 0 : a.state === 'FIRING' ? -1 : 1) || rankOf(a) - rankOf(b)
  || String(a.rule).localeCompare(String(b.rule)) || String(a.id).localeCompare(String(b.id));

function loadChoices() {
  try { return new Map(Object.entries(JSON.parse(sessionStorage.getItem(GROUPS_KEY) || '{}'))); } catch { return new Map(); }
}

export class AlertsPanel {
  /** @param link the alert the page was opened for ({@link linkedAlert}), or null */
  constructor(state, link = null) {
    this.state = state;
    this.cards = new Map();
    this.groups = new Map();
    this.choices = loadChoices();
    this.link = link;
    this.severityFilter = h('select', { name: 'severity', 'aria-label': 'Severity', onchange: () => this.render() });
    this.stateFilter = h('select', { name: 'state', 'aria-label': 'State', onchange: () => this.render() });
    this.filterNote = h('span', { class: 'muted small filter-note' });
    this.toolbar = h('div', { class: 'alert-filters', hidden: true },
      h('label', {}, 'Severity ', this.severityFilter), h('label', {}, 'State ', this.stateFilter), this.filterNote);
    this.list = h('div', { class: 'alert-groups' });
    this.empty = h('p', { class: 'muted empty' }, 'No active alerts.');
    replace($('#alerts'), this.toolbar, this.list, this.empty);
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
    this.reveal(card);
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
    const alerts = [...this.state.alerts.values()].filter(isActive).sort(byUrgency);
    const count = $('#alert-count');
    count.textContent = String(alerts.length);
    count.classList.toggle('hot', alerts.some((a) => a.state === 'FIRING' && !a.ack && !a.silenced_by));
    for (const [id, card] of this.cards) {
      if (!this.state.alerts.has(id) || !isActive(this.state.alerts.get(id))) { card.el.remove(); this.cards.delete(id); }
    }
    this.renderFilters(alerts);
    const shown = alerts.filter((a) => this.matches(a));
    this.toolbar.hidden = alerts.length === 0;
    this.filterNote.textContent = shown.length < alerts.length ? `${shown.length} of ${alerts.length} shown` : '';
    this.empty.hidden = shown.length > 0;
    this.empty.textContent = alerts.length === 0 ? 'No active alerts.' : 'No alert matches these filters.';

    const byRule = new Map();
    alerts.forEach((a) => { if (!byRule.has(a.rule)) byRule.set(a.rule, []); byRule.get(a.rule).push(a); });
    for (const [rule, group] of this.groups) {
      if (!byRule.has(rule)) { group.el.remove(); this.groups.delete(rule); }
    }
    const compact = shown.length > OPEN_UP_TO;
    const order = [...byRule.entries()].map(([rule, list]) => this.fillGroup(rule, list, compact))
      .sort((a, b) => a.rank - b.rank || b.firing - a.firing || String(a.rule).localeCompare(String(b.rule)));
    order.forEach((group, i) => {
      if (this.list.children[i] !== group.el) this.list.insertBefore(group.el, this.list.children[i] || null);
    });
  }

  /** One alert name's group: its cards in order, its count and worst severity among the alerts shown. */
  fillGroup(rule, list, compact) {
    const group = this.group(rule);
    const shown = list.filter((a) => this.matches(a));
    list.forEach((alert, i) => {
      let card = this.cards.get(alert.id);
      if (!card) {
        card = this.createCard(alert);
        this.cards.set(alert.id, card);
      }
      this.fill(card, alert);
      card.el.hidden = !this.matches(alert);
      if (group.cards.children[i] !== card.el) group.cards.insertBefore(card.el, group.cards.children[i] || null);
    });
    const worst = shown.length ? severityOf(shown.reduce((w, a) => (rankOf(a) < rankOf(w) ? a : w))) : 'INFO';
    const firing = shown.filter((a) => a.state === 'FIRING').length;
    Object.assign(group.el.dataset, { severity: worst, count: String(shown.length) });
    group.el.hidden = shown.length === 0;
    replace(group.summary,
      h('span', { class: 'sev' }, worst),
      h('span', { class: 'rule' }, rule),
      h('span', { class: 'count group-count', title: `${shown.length} active` }, String(shown.length)),
      h('span', { class: 'muted small' }, [firing ? `${firing} firing` : null, shown.length - firing ? `${shown.length - firing} pending` : null]
        .filter(Boolean).join(' · ')));
    // The operator's own choice wins; a form being filled in keeps its group open whatever the crowd does.
    const choice = this.choices.get(rule);
    const editing = list.some((a) => { const c = this.cards.get(a.id); return !c.ackForm.hidden || !c.silenceForm.hidden; });
    group.el.open = choice ?? (editing || !compact);
    return { rule, el: group.el, rank: severityRank[worst] ?? 9, firing: firing > 0 ? 1 : 0 };
  }

  group(rule) {
    let group = this.groups.get(rule);
    if (!group) {
      const summary = h('summary');
      const cards = h('div', { class: 'alert-cards' });
      const el = h('details', { class: 'alert-group', dataset: { rule } }, summary, cards);
      // A click (or Enter) on the summary is the operator's; opening by code (a link, the defaults) is not remembered.
      summary.addEventListener('click', () => this.remember(rule, !el.open));
      group = { el, summary, cards };
      this.groups.set(rule, group);
    }
    return group;
  }

  remember(rule, open) {
    this.choices.set(rule, open);
    try { sessionStorage.setItem(GROUPS_KEY, JSON.stringify(Object.fromEntries(this.choices))); } catch { /* not kept */ }
  }

  matches(a) {
    return (!this.severityFilter.value || severityOf(a) === this.severityFilter.value)
      && (!this.stateFilter.value || a.state === this.stateFilter.value);
  }

  /** The filters' options, each with how many alerts it would show. */
  renderFilters(alerts) {
    const options = (select, values, of, all) => {
      const wanted = [['', all], ...values.map((v) => [v, `${v.toLowerCase()} (${alerts.filter((a) => of(a) === v).length})`])];
      if ([...select.options].map((o) => o.textContent).join('|') === wanted.map(([, t]) => t).join('|')) return;
      const keep = select.value;
      replace(select, wanted.map(([value, text]) => h('option', { value }, text)));
      select.value = keep;
    };
    options(this.severityFilter, SEVERITIES, severityOf, 'all');
    options(this.stateFilter, STATES, (a) => a.state, 'all');
  }

  /** Makes a card visible: filters that hide it are cleared and its group is opened. */
  reveal(card) {
    if (!this.matches(card.alert)) {
      this.severityFilter.value = '';
      this.stateFilter.value = '';
    }
    this.remember(card.alert.rule, true);
    this.render();
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
      severity: severityOf(a), state: a.state, rule: a.rule,
      acked: a.ack ? 'true' : 'false', silenced: a.silenced_by ? 'true' : 'false',
    });
    replace(card.head,
      h('span', { class: 'sev' }, severityOf(a)),
      h('span', { class: 'rule' }, a.rule),
      h('span', { class: 'state' }, a.state),
      h('span', { class: 'muted small' }, `since ${fmt.time(a.fired_at || a.active_at)}`),
      a.stale ? h('span', { class: 'state', title: 'Its source is down: the value is not current' }, 'stale') : null);
    const ann = a.annotations || {};
    // The value as the rule compares it with its threshold: the rule's own units, so no unit is guessed here.
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
