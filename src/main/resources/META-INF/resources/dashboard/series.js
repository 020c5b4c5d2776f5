// The points the charts draw: per series key, time (ms) and value, kept for the history window.

import { parseSeriesKey } from './format.js';

export class SeriesStore {
  constructor(windowMs) {
    this.windowMs = windowMs;
    this.points = new Map(); // key -> {t: number[], v: number[]}
    this.version = 0;
  }

  /** Adds a live point; points older than the newest one of the series are ignored. */
  add(key, t, v) {
    if (typeof v !== 'number' || !Number.isFinite(v) || t == null) return;
    const s = this.series(key);
    const last = s.t.length ? s.t[s.t.length - 1] : -Infinity;
    if (t < last) return;
    if (t === last) {
      s.v[s.v.length - 1] = v;
    } else {
      s.t.push(t);
      s.v.push(v);
    }
    this.trim(s, t);
    this.version++;
  }

  /**
   * Adds history points ([{ts, value}], oldest first). Live points are finer than history's steps, so history only
   * fills in before the first and after the last point the series has; a point at the last time replaces it (the
   * newest history step is still filling).
   */
  merge(key, points) {
    const s = this.series(key);
    const first = s.t.length ? s.t[0] : Infinity;
    const last = s.t.length ? s.t[s.t.length - 1] : -Infinity;
    const before = { t: [], v: [] };
    for (const p of points) {
      const t = Date.parse(p.ts);
      if (typeof p.value !== 'number' || !Number.isFinite(p.value) || Number.isNaN(t)) continue;
      if (t < first) { before.t.push(t); before.v.push(p.value); }
      else if (t === last) s.v[s.v.length - 1] = p.value;
      else if (t > last) { s.t.push(t); s.v.push(p.value); }
    }
    if (before.t.length) { s.t.unshift(...before.t); s.v.unshift(...before.v); }
    if (s.t.length) this.trim(s, s.t[s.t.length - 1]);
    this.version++;
  }

  series(key) {
    let s = this.points.get(key);
    if (!s) {
      s = { t: [], v: [] };
      this.points.set(key, s);
    }
    return s;
  }

  trim(s, newest) {
    const oldest = newest - this.windowMs;
    let drop = 0;
    while (drop < s.t.length && s.t[drop] < oldest) drop++;
    if (drop > 0) { s.t.splice(0, drop); s.v.splice(0, drop); }
  }

  /** Keys of every series with this name (any labels), sorted. */
  keysOf(name) {
    return [...this.points.keys()].filter((k) => parseSeriesKey(k).name === name).sort();
  }

  latest(key) {
    const s = this.points.get(key);
    return s && s.v.length ? s.v[s.v.length - 1] : undefined;
  }

  count(key) {
    const s = this.points.get(key);
    return s ? s.t.length : 0;
  }

  /**
   * uPlot's aligned data for these keys: one shared time axis (seconds) and one value array per key, null where a
   * series has no point at that time.
   */
  aligned(keys) {
    const times = new Set();
    keys.forEach((k) => { const s = this.points.get(k); if (s) s.t.forEach((t) => times.add(t)); });
    const xs = [...times].sort((a, b) => a - b);
    const index = new Map(xs.map((t, i) => [t, i]));
    const columns = keys.map((k) => {
      const col = new Array(xs.length).fill(null);
      const s = this.points.get(k);
      if (s) s.t.forEach((t, i) => { col[index.get(t)] = s.v[i]; });
      return col;
    });
    return [xs.map((t) => t / 1000), ...columns];
  }
}
