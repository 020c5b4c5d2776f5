// The event feed: what the stream told since the page opened, newest first.

import { $, h, replace } from './dom.js';
import * as fmt from './format.js';

const MAX_EVENTS = 30;

export function addEvent(state, line) {
  state.events.unshift(line);
  state.events.length = Math.min(state.events.length, MAX_EVENTS);
}

export function renderEvents(state) {
  const items = state.events.map((e) => h('li', { dataset: { event: e.event } },
    h('span', { class: 'muted' }, fmt.time(e.ts)), ' ', h('b', {}, e.event), ' ', e.text));
  replace($('#events'), items.length ? items : h('li', { class: 'muted' }, 'Nothing has happened since the page opened.'));
}
