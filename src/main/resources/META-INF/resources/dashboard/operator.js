// Who works at this browser: the name acknowledgements, silences and recoveries are signed with, kept in the
// browser so it is asked once.

const OPERATOR_KEY = 'vigil.operator';

export function operator() {
  try { return localStorage.getItem(OPERATOR_KEY) || ''; } catch { return ''; }
}

export function rememberOperator(name) {
  try { localStorage.setItem(OPERATOR_KEY, name); } catch { /* not kept */ }
}
