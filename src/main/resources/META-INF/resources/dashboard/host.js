// The host panel (CPU, memory, disks, network, Vigil's own process) and the GPU panel.

import { $, h, replace } from './dom.js';
import { TimeChart } from './charts.js';
import * as fmt from './format.js';

/** Series the host charts draw; the page loads their history on start and polls them while the socket is down. */
export const HOST_SERIES = [
  'host.cpu.percent', 'host.process.cpu.percent', 'host.memory.percent', 'host.swap.percent',
  'host.network.rx_bytes_per_second', 'host.network.tx_bytes_per_second',
  'host.disk.read_bytes_per_second', 'host.disk.write_bytes_per_second',
];
export const GPU_SERIES = ['host.gpu.utilization.percent', 'host.gpu.memory.percent'];

const sum = (list, field) => (list || []).reduce((a, x) => a + (Number(x[field]) || 0), 0);

function tile(id, label, value, sub) {
  return h('div', { class: 'tile', dataset: { tile: id } },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value', title: value }, value),
    h('div', { class: 'sub', title: sub || '' }, sub || '\u00a0'));
}

function labelled(prefix) {
  return (key) => {
    const { labels } = fmt.parseSeriesKey(key);
    const text = Object.values(labels).join(' ');
    return text ? `${prefix} ${text}` : prefix;
  };
}

export class HostPanel {
  constructor(ctx) {
    this.ctx = ctx;
    const { store, windowMs } = ctx;
    const pct = (v) => fmt.percent(v, 0);
    const present = (...keys) => () => keys.filter((k) => store.count(k) > 0);
    this.charts = [
      new TimeChart({
        figure: $('#chart-cpu'), store, windowMs, yMax: 100, format: pct,
        keys: present('host.cpu.percent', 'host.process.cpu.percent'),
        label: (k) => (k === 'host.cpu.percent' ? 'host' : 'Vigil'),
      }),
      new TimeChart({
        figure: $('#chart-memory'), store, windowMs, yMax: 100, format: pct,
        keys: () => ['host.memory.percent', ...(this.hasSwap() ? ['host.swap.percent'] : [])].filter((k) => store.count(k) > 0),
        label: (k) => (k === 'host.memory.percent' ? 'memory' : 'swap'),
      }),
      new TimeChart({
        figure: $('#chart-network'), store, windowMs, format: fmt.byteRate, yFloor: 1000,
        keys: () => [...store.keysOf('host.network.rx_bytes_per_second'), ...store.keysOf('host.network.tx_bytes_per_second')],
        label: (k) => labelled(k.includes('.rx_') ? 'rx' : 'tx')(k),
      }),
      new TimeChart({
        figure: $('#chart-diskio'), store, windowMs, format: fmt.byteRate, yFloor: 1000,
        keys: () => [...store.keysOf('host.disk.read_bytes_per_second'), ...store.keysOf('host.disk.write_bytes_per_second')],
        label: (k) => labelled(k.includes('.read_') ? 'read' : 'write')(k),
      }),
    ];
    this.gpuChart = new TimeChart({
      figure: $('#chart-gpu'), store, windowMs, yMax: 100, format: pct,
      keys: () => [...store.keysOf('host.gpu.utilization.percent'), ...store.keysOf('host.gpu.memory.percent')],
      label: (k) => labelled(k.includes('.utilization.') ? 'util GPU' : 'mem GPU')(k),
    });
  }

  hasSwap() {
    const host = this.ctx.state.sources.host;
    return !!(host && host.data && host.data.swap && host.data.swap.total_bytes > 0);
  }

  render() {
    const host = this.ctx.state.sources.host;
    const d = host && host.data;
    if (!d) {
      replace($('#host-tiles'), h('p', { class: 'muted' }, 'Waiting for the first host reading…'));
      return;
    }
    $('#host-updated').textContent = `updated ${fmt.time(host.ts)}`;
    const cpu = d.cpu || {};
    const mem = d.memory || {};
    const swap = d.swap || {};
    const proc = d.process || {};
    replace($('#host-tiles'),
      tile('cpu', 'CPU', fmt.percent(cpu.percent),
        `${cpu.logical_cores ?? '?'} cores · load ${fmt.count(cpu.load1m)} / ${fmt.count(cpu.load5m)} / ${fmt.count(cpu.load15m)}`),
      tile('memory', 'Memory', fmt.percent(mem.percent), `${fmt.bytes(mem.used_bytes)} of ${fmt.bytes(mem.total_bytes)}`),
      tile('swap', 'Swap', swap.total_bytes > 0 ? fmt.percent(swap.percent) : 'none',
        swap.total_bytes > 0 ? `${fmt.bytes(swap.used_bytes)} of ${fmt.bytes(swap.total_bytes)}` : ''),
      tile('network', 'Network', `↓ ${fmt.byteRate(sum(d.network, 'rx_bytes_per_second'))}`,
        `↑ ${fmt.byteRate(sum(d.network, 'tx_bytes_per_second'))} · ${(d.network || []).length} interfaces`),
      tile('diskio', 'Disk I/O', `R ${fmt.byteRate(sum(d.disks, 'read_bytes_per_second'))}`,
        `W ${fmt.byteRate(sum(d.disks, 'write_bytes_per_second'))}`),
      tile('uptime', 'Uptime', fmt.duration(d.uptime_seconds), 'host'),
      tile('process', 'Vigil process', fmt.bytes(proc.rss_bytes), `CPU ${fmt.percent(proc.cpu_percent)} · pid ${proc.pid ?? '?'}`));

    const fs = [...(d.filesystems || [])].sort((a, b) => b.percent - a.percent);
    const shown = fs.slice(0, 8);
    replace($('#filesystems'),
      shown.length === 0 ? h('p', { class: 'muted' }, 'No file systems reported.') : null,
      shown.map((f) => h('div', { class: 'bar-row', dataset: { mount: f.mount } },
        h('span', { class: 'mount', title: `${f.mount} (${f.type})` }, f.mount),
        h('span', { class: 'bar' }, h('span', {
          class: f.percent >= 90 ? 'crit' : f.percent >= 75 ? 'warn' : '',
          style: `width:${Math.min(100, Math.max(0, f.percent)).toFixed(1)}%`,
        })),
        h('span', { class: 'num' }, `${fmt.percent(f.percent)} · ${fmt.bytes(f.used_bytes)} / ${fmt.bytes(f.total_bytes)}`))),
      fs.length > shown.length ? h('p', { class: 'muted small' }, `and ${fs.length - shown.length} more`) : null);

    this.renderGpu(d.gpu);
  }

  renderGpu(gpu) {
    const box = $('#gpu');
    const figure = $('#chart-gpu');
    box.dataset.status = gpu ? gpu.status : 'unknown';
    if (!gpu || gpu.status !== 'present') {
      figure.hidden = true;
      const text = !gpu ? 'No GPU reading yet.'
        : gpu.status === 'absent' ? 'No GPU on this host.'
          : gpu.status === 'disabled' ? 'GPU reading is switched off.'
            : 'The GPU driver did not answer.';
      replace(box, h('p', { class: gpu && gpu.status === 'error' ? 'form-msg error' : 'muted' }, text),
        gpu && gpu.detail ? h('p', { class: 'muted small' }, gpu.detail) : null);
      return;
    }
    figure.hidden = false;
    replace(box, h('div', { class: 'tiles' }, gpu.devices.map((g) => tile(`gpu-${g.index}`, `GPU ${g.index} · ${g.name}`,
      fmt.percent(g.utilization_percent),
      `mem ${fmt.bytes(g.memory_used_bytes)} / ${fmt.bytes(g.memory_total_bytes)} (${fmt.percent(g.memory_percent, 0)}) · ${fmt.count(g.temperature_celsius)} °C`))));
  }

  gpuPresent() {
    const host = this.ctx.state.sources.host;
    return !!(host && host.data && host.data.gpu && host.data.gpu.status === 'present');
  }

  draw(force = false) {
    this.charts.forEach((c) => c.update(force));
    if (this.gpuPresent()) this.gpuChart.update(force);
  }
}
