// Time-series charts over the history window, drawn with uPlot from the series store.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

const PALETTE = ['#4ea1ff', '#2fbf71', '#e0a526', '#c678dd', '#e5484d', '#56b6c2', '#d19a66', '#98c379'];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export class TimeChart {
  /**
   * @param figure the element to draw in
   * @param store the SeriesStore
   * @param keys () => string[], the series keys to draw now
   * @param label (key) => string, a key's legend label
   * @param format (value) => string, axis and legend values with their unit
   */
  constructor({ figure, store, keys, label, format, windowMs, yMin = 0, yMax, yFloor = 1 }) {
    Object.assign(this, { figure, store, keys, label, format, windowMs, yMin, yMax, yFloor });
    this.plot = null;
    this.drawnKeys = '';
    this.drawnVersion = -1;
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(figure);
  }

  width() {
    return Math.max(200, this.figure.clientWidth - 12);
  }

  /** Redraws when there is something new; rebuilds when the set of series or the theme changed. */
  update(force = false) {
    if (this.figure.hidden) return;
    const keys = this.keys();
    const keyList = keys.join('|');
    if (force || !this.plot || keyList !== this.drawnKeys) {
      this.build(keys);
      return;
    }
    if (this.store.version !== this.drawnVersion) {
      this.plot.setData(this.store.aligned(keys));
      this.drawnVersion = this.store.version;
    }
  }

  build(keys) {
    if (this.plot) this.plot.destroy();
    const axis = cssVar('--muted');
    const grid = cssVar('--grid');
    const format = this.format;
    const windowMs = this.windowMs;
    const yMin = this.yMin;
    const yMax = this.yMax;
    const yFloor = this.yFloor;
    const opts = {
      width: this.width(),
      height: 150,
      cursor: { drag: { x: false, y: false } },
      legend: { live: false },
      scales: {
        x: {
          time: true,
          range: (u, min, max) => {
            const end = Math.max(max || 0, Date.now() / 1000);
            return [end - windowMs / 1000, end];
          },
        },
        y: {
          range: (u, min, max) => {
            const lo = yMin ?? Math.min(0, min ?? 0);
            const hi = yMax ?? Math.max((max ?? 0) * 1.1, lo + yFloor);
            return [lo, hi];
          },
        },
      },
      axes: [
        {
          stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
          values: (u, splits) => splits.map((s) => new Date(s * 1000)
            .toLocaleTimeString([], { hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })),
        },
        {
          stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
          size: 80, values: (u, splits) => splits.map((v) => format(v)),
        },
      ],
      series: [
        {},
        ...keys.map((key, i) => ({
          label: this.label(key),
          stroke: PALETTE[i % PALETTE.length],
          width: 1.5,
          spanGaps: true,
          points: { show: false },
          value: (u, v) => (v == null ? '–' : format(v)),
        })),
      ],
    };
    this.plot = new uPlot(opts, this.store.aligned(keys), this.figure);
    this.drawnKeys = keys.join('|');
    this.drawnVersion = this.store.version;
  }

  fit() {
    if (this.plot && !this.figure.hidden) {
      const w = this.width();
      if (Math.abs(w - this.plot.width) > 2) this.plot.setSize({ width: w, height: 150 });
    }
  }
}
