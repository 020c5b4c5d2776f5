// Panels for sources the page has no special view of (pipelines, clients, and any added later). They read the
// source generically: its series (the update message's "series" map), grouped by label set, and a chart of the
// series the operator picks. A source appears only when the API lists it.

import { $, h, replace } from './dom.js';
import { TimeChart } from './charts.js';
import * as fmt from './format.js';

const SPECIAL = new Set(['host', 'experiments']);
/** The figure each known source charts first. */
const PREFERRED = { pipelines: 'pipelines.rate', clients: '*' };
const ALL_PLAIN = '*';

export class DynamicPanels {
  constructor(ctx) {
    this.ctx = ctx;
    this.panels = new Map();
  }

  /** Keys of every series seen for the source, sorted. */
  keys(source) {
    return [...(this.ctx.state.seriesKeys[source] || [])].sort();
  }

  /** Names (without labels) of the series seen for every generic source: polled while the socket is down. */
  names() {
    const out = new Set();
    for (const source of this.panels.keys()) this.keys(source).forEach((k) => out.add(fmt.parseSeriesKey(k).name));
    return [...out];
  }

  render() {
    const { state } = this.ctx;
    for (const name of Object.keys(state.sources)) {
      if (SPECIAL.has(name)) continue;
      this.panel(name).render();
    }
    for (const [name, panel] of this.panels) {
      if (!(name in state.sources)) panel.section.hidden = true;
    }
  }

  draw(force = false) {
    this.panels.forEach((p) => p.draw(force));
  }

  panel(source) {
    let panel = this.panels.get(source);
    if (!panel) {
      let section = document.getElementById(`panel-${source}`);
      if (!section) {
        section = h('section', { id: `panel-${source}`, class: 'panel dynamic', dataset: { source } },
          h('h2', {}, source.charAt(0).toUpperCase() + source.slice(1)), h('div', { class: 'dynamic-body' }));
        $('main.grid').append(section);
      }
      panel = new SourcePanel(this, source, section);
      this.panels.set(source, panel);
    }
    return panel;
  }
}

class SourcePanel {
  constructor(owner, source, section) {
    Object.assign(this, { owner, source, section });
    this.ctx = owner.ctx;
    this.body = section.querySelector('.dynamic-body');
    this.groups = h('div', { class: 'groups' });
    this.select = h('select', { 'aria-label': `${source} chart`, onchange: () => this.draw(true) });
    this.figure = h('figure', { class: 'chart' }, h('figcaption', {}, ''));
    replace(this.body, this.groups,
      h('div', { class: 'chart-pick' }, h('label', {}, 'Chart ', this.select)),
      h('div', { class: 'charts one' }, this.figure));
    this.chart = new TimeChart({
      figure: this.figure, store: this.ctx.store, windowMs: this.ctx.windowMs,
      keys: () => this.chartKeys(),
      label: (k) => {
        const { name, labels } = fmt.parseSeriesKey(k);
        const l = fmt.labelText(labels);
        return this.select.value === ALL_PLAIN ? this.short(name) : l || this.short(name);
      },
      format: (v) => (this.select.value === ALL_PLAIN ? fmt.count(v) : fmt.formatterFor(this.select.value)(v)),
    });
  }

  short(name) {
    return name.startsWith(`${this.source}.`) ? name.slice(this.source.length + 1) : name;
  }

  chartKeys() {
    const keys = this.owner.keys(this.source);
    const choice = this.select.value;
    if (choice === ALL_PLAIN) return plainCounts(keys);
    return keys.filter((k) => fmt.parseSeriesKey(k).name === choice);
  }

  render() {
    const { state, store } = this.ctx;
    const src = state.sources[this.source];
    this.section.hidden = false;
    this.section.dataset.status = src.status || '';
    const keys = this.owner.keys(this.source);
    if (keys.length === 0) {
      // Not one update seen yet (e.g. the socket has been down since the page opened): show the snapshot's numbers.
      replace(this.groups, flatGroup(src.data));
      this.figure.hidden = true;
      return;
    }
    this.figure.hidden = false;
    const byLabels = new Map();
    for (const key of keys) {
      const { name, labels } = fmt.parseSeriesKey(key);
      const title = fmt.labelText(labels) || 'all';
      if (!byLabels.has(title)) byLabels.set(title, []);
      byLabels.get(title).push({ key, name });
    }
    const order = [...byLabels.keys()].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)));
    replace(this.groups, order.map((title) => h('div', { class: 'group', dataset: { labels: title } },
      h('div', { class: 'title' }, title),
      h('dl', {}, byLabels.get(title).map(({ key, name }) => [
        h('dt', { title: name }, this.short(name)),
        h('dd', { dataset: { series: key } }, fmt.formatterFor(name)(store.latest(key))),
      ])))));
    this.options(keys);
  }

  options(keys) {
    const names = [...new Set(keys.map((k) => fmt.parseSeriesKey(k).name))].sort();
    const plain = plainCounts(keys);
    const wanted = [...(plain.length > 1 ? [ALL_PLAIN] : []), ...names];
    const current = [...this.select.options].map((o) => o.value);
    if (current.join('|') === wanted.join('|')) return;
    const keep = this.select.value;
    replace(this.select, wanted.map((n) => h('option', { value: n }, n === ALL_PLAIN ? 'all counts' : this.short(n))));
    const preferred = PREFERRED[this.source];
    this.select.value = wanted.includes(keep) ? keep : wanted.includes(preferred) ? preferred : wanted[0];
    this.draw(true);
  }

  draw(force = false) {
    if (this.figure.hidden) return;
    this.figure.querySelector('figcaption').textContent = this.select.value === ALL_PLAIN
      ? `${this.source}: all counts` : this.short(this.select.value || '');
    this.chart.update(force);
  }
}

/**
 * Series without labels that count things: the "all counts" chart draws them on one axis, so a percent or a byte
 * size among them (a source may have both) would be read against the wrong unit.
 */
function plainCounts(keys) {
  return keys.filter((k) => !k.includes('{') && fmt.unitOf(k) === 'count');
}

/** Every number in a snapshot, by its dotted path, as one group. */
function flatGroup(data) {
  const rows = [];
  const walk = (v, path, depth) => {
    if (rows.length >= 40 || depth > 4 || v == null) return;
    if (typeof v === 'number') rows.push([path, v]);
    else if (Array.isArray(v)) rows.push([`${path} (items)`, v.length]);
    else if (typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, path ? `${path}.${k}` : k, depth + 1));
  };
  walk(data, '', 0);
  if (rows.length === 0) return h('p', { class: 'muted' }, 'No figures yet.');
  return h('div', { class: 'group', dataset: { labels: 'snapshot' } }, h('div', { class: 'title' }, 'latest snapshot'),
    h('dl', {}, rows.map(([k, v]) => [h('dt', { title: k }, k), h('dd', {}, fmt.formatterFor(k)(v))])));
}
