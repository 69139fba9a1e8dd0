// Small pieces shared by the dashboard and the monitor: notices, a confirmation dialog, copy buttons, formats.
import {el, byId, replace} from './dom.js';

/** A short notice in the corner; errors stay until dismissed, others fade after a few seconds. */
export function notify(message, kind = 'info') {
  const box = byId('toasts');
  // The same failure repeated by a timer (server down) shows once, not once per refresh.
  if ([...box.querySelectorAll('.toast-text')].some((t) => t.textContent === message)) return;
  const close = el('button', {class: 'toast-close', type: 'button', 'aria-label': 'Dismiss', text: '×'});
  const toast = el('div', {class: ['toast', `toast-${kind}`], role: kind === 'error' ? 'alert' : 'status'},
      el('span', {class: 'toast-text', text: message}), close);
  close.addEventListener('click', () => toast.remove());
  box.append(toast);
  if (kind !== 'error') setTimeout(() => toast.remove(), 5000);
}

/** Runs an action, reporting its failure as a notice; returns the action's result or undefined. */
export async function attempt(action, what) {
  try {
    return await action();
  } catch (e) {
    notify(what ? `${what}: ${e.message}` : e.message, 'error');
    return undefined;
  }
}

/** Asks before something that cannot be undone; resolves to true when confirmed. */
export function confirmAction(title, message, confirmLabel = 'Confirm') {
  const dialog = byId('confirm-dialog');
  replace(byId('confirm-title'), title);
  replace(byId('confirm-message'), message);
  const ok = byId('confirm-ok');
  ok.textContent = confirmLabel;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), {once: true});
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/** A button that copies what getText returns, with a fallback for pages not served over HTTPS or localhost. */
export function copyButton(getText, label = 'Copy') {
  const button = el('button', {class: 'btn btn-small', type: 'button', text: label});
  button.addEventListener('click', async () => {
    const text = getText();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = el('textarea', {class: 'offscreen', readonly: true});
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = label; }, 1500);
  });
  return button;
}

/** Calls fn now and every `seconds` while the tab is visible, and at once when it becomes visible again. */
export function every(seconds, fn) {
  let timer = null;
  const tick = async () => {
    clearTimeout(timer);
    try {
      if (document.visibilityState === 'visible') await fn();
    } finally {
      timer = setTimeout(tick, seconds * 1000);
    }
  };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') tick(); });
  tick();
}

export function badge(text, kind) {
  return el('span', {class: ['badge', kind && `badge-${kind}`], text});
}

// ---- formats ----

const SECOND = 1000, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE, DAY = 24 * HOUR;

/** "42 s", "5 min", "3 h", "2 d" */
export function span(ms) {
  const a = Math.abs(ms);
  if (a < MINUTE) return `${Math.round(a / SECOND)} s`;
  const minutes = Math.round(a / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(a / HOUR);
  if (hours < 24) return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return hours % 24 === 0 ? `${hours / 24} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function ago(iso) {
  if (!iso) return 'never';
  const ms = Date.now() - Date.parse(iso);
  return ms < 5 * SECOND ? 'just now' : `${span(ms)} ago`;
}

export function until(iso) {
  if (!iso) return '—';
  const ms = Date.parse(iso) - Date.now();
  return ms <= 0 ? `expired ${span(ms)} ago` : `expires in ${span(ms)}`;
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], {hour12: false}) : '—';
}

/** 1234 → "1,234"; 1234567 → "1.2M" */
export function count(n) {
  if (n === null || n === undefined) return '—';
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e5) return `${Math.round(n / 1e3)}k`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Number(n).toLocaleString('en-US');
}

export function millis(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
