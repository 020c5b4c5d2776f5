// A small element builder: text always goes in as text, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

export function chip(status, text = status, extra = {}) {
  return h('span', { class: 'chip', dataset: { status: status || 'UNKNOWN' }, ...extra }, text ?? '–');
}
