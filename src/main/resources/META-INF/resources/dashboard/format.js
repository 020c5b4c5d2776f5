// Numbers with their units, and times, as the dashboard shows them.

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const DASH = '–';

export function percent(v, digits = 1) {
  return finite(v) ? `${v.toFixed(digits)} %` : DASH;
}

/** Sizes in binary units: 1.5 GiB. */
export function bytes(v) {
  if (!finite(v)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let x = Math.abs(v);
  while (x >= 1024 && i < units.length - 1) { x /= 1024; i++; }
  const digits = i === 0 ? 0 : x < 10 ? 2 : x < 100 ? 1 : 0;
  return `${(Math.sign(v) * x).toFixed(digits)} ${units[i]}`;
}

/** Throughput in decimal units, as network and disk tools show it: 12.3 MB/s. */
export function byteRate(v) {
  if (!finite(v)) return DASH;
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
  let i = 0;
  let x = Math.abs(v);
  while (x >= 1000 && i < units.length - 1) { x /= 1000; i++; }
  const digits = i === 0 ? 0 : x < 10 ? 2 : x < 100 ? 1 : 0;
  return `${x.toFixed(digits)} ${units[i]}`;
}

/** A short time such as a latency: 850 ms, 2.40 s. */
export function seconds(v) {
  if (!finite(v)) return DASH;
  if (Math.abs(v) < 1) return `${Math.round(v * 1000)} ms`;
  if (Math.abs(v) < 120) return `${v.toFixed(2)} s`;
  return duration(v);
}

/** A long time: 3d 4h, 1h 02m, 4m 05s, 12s. */
export function duration(totalSeconds) {
  if (!finite(totalSeconds)) return DASH;
  let s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const two = (n) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${two(m)}m`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

export function count(v) {
  if (!finite(v)) return DASH;
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(2);
}

export function perSecond(v) {
  return finite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)}/s` : DASH;
}

/** Formatters by unit, as unitOf names them. */
const FORMATS = {
  percent: (v) => percent(v),
  ratio: (v) => (finite(v) ? percent(v * 100) : DASH),
  byteRate,
  bytes,
  seconds,
  duration,
  milliseconds: (v) => seconds(finite(v) ? v / 1000 : v),
  celsius: (v) => (finite(v) ? `${v.toFixed(0)} °C` : DASH),
  perSecond,
  count,
};

/**
 * The unit of a series (or of a snapshot field, by its dotted path), told by the name's conventions (see the README's
 * series table). The last segment decides: `pipelines.face.latency_seconds.samples` is a count, not a time, although
 * a latency is in its path. Percentiles and extremes of a latency are the one case where the unit is in the parent.
 */
export function unitOf(name) {
  const dot = name.lastIndexOf('.');
  const last = name.slice(dot + 1);
  const parent = dot < 0 ? '' : name.slice(0, dot);
  if (/^(count|samples|total)$|_(count|total)$/.test(last)) return 'count';
  if (/^(p\d+|max|min|mean|avg)$/.test(last) && /latency|_seconds$/.test(parent)) return 'seconds';
  if (/percent$/.test(last)) return 'percent';
  if (/ratio$/.test(last)) return 'ratio';
  if (/bytes_per_second$/.test(last)) return 'byteRate';
  if (/bytes$/.test(last)) return 'bytes';
  // Ages of a host or a run read best in days and hours; other times (latencies, waits) in ms and s.
  if (/(uptime|elapsed)_seconds$/.test(last)) return 'duration';
  if (/(^|_)seconds(_p\d+)?$/.test(last)) return 'seconds';
  if (/(^|_)(ms|millis)$/.test(last)) return 'milliseconds';
  if (/celsius$/.test(last)) return 'celsius';
  if (/(^|_)rate$|per_second$/.test(last)) return 'perSecond';
  return 'count';
}

/** How to show a series' value: by its unit (unitOf). */
export function formatterFor(name) {
  return FORMATS[unitOf(name)];
}

export function time(iso) {
  const t = toMillis(iso);
  if (t == null) return DASH;
  const d = new Date(t);
  const sameDay = new Date().toDateString() === d.toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : d.toLocaleString([], { hourCycle: 'h23', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function ago(iso, now = Date.now()) {
  const t = toMillis(iso);
  if (t == null) return '';
  return `${duration(Math.max(0, (now - t) / 1000))} ago`;
}

export function toMillis(iso) {
  if (iso == null) return null;
  if (typeof iso === 'number') return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** "host.network.rx_bytes_per_second{interface=\"eth0\"}" into its name and labels. */
export function parseSeriesKey(key) {
  const brace = key.indexOf('{');
  if (brace < 0) return { name: key, labels: {} };
  const labels = {};
  const re = /([A-Za-z_][\w.-]*)="((?:[^"\\]|\\.)*)"/g;
  let m;
  while ((m = re.exec(key.slice(brace))) !== null) labels[m[1]] = m[2].replace(/\\(.)/g, '$1');
  return { name: key.slice(0, brace), labels };
}

export function labelText(labels) {
  const entries = Object.entries(labels || {});
  return entries.length === 0 ? '' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
