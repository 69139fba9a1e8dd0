// The alert banner: recent alerts from /api/alerts (an account needing re-login or disabled, a key ring with every key
// refused, a budget nearly spent), each dismissible. Dismissed ids are remembered in this browser only.
import {el, replace} from './dom.js';
import {get} from './api.js';

const DISMISSED = 'nexus.alerts.dismissed';

export class AlertsBanner {
  constructor(node) {
    this.node = node;
  }

  async refresh() {
    let alerts;
    try {
      alerts = (await get('/api/alerts')).alerts ?? [];
    } catch {
      return; // the banner is an extra: the panels report a server that does not answer
    }
    const dismissed = this.dismissed();
    const shown = alerts.filter((a) => !dismissed.has(a.id));
    this.node.hidden = shown.length === 0;
    replace(this.node, shown.map((a) => el('div', {class: 'alert-banner', role: 'alert', dataset: {alertId: a.id, event: a.event}},
        el('strong', {text: a.subject}),
        ' — ', a.reason, ' ',
        el('span', {class: 'muted', text: `(${a.event}, ${new Date(a.at).toLocaleString()})`}),
        el('button', {class: 'btn btn-small', type: 'button', text: 'Dismiss', 'aria-label': `Dismiss alert: ${a.subject}`,
          on: {click: () => this.dismiss(a.id)}}))));
  }

  dismiss(id) {
    const ids = this.dismissed();
    ids.add(id);
    try {
      localStorage.setItem(DISMISSED, JSON.stringify([...ids].slice(-200)));
    } catch {
      // storage refused (private mode): the banner goes away until the next refresh only
    }
    this.node.querySelector(`[data-alert-id="${CSS.escape(id)}"]`)?.remove();
    this.node.hidden = this.node.childElementCount === 0;
  }

  dismissed() {
    try {
      return new Set(JSON.parse(localStorage.getItem(DISMISSED) ?? '[]'));
    } catch {
      return new Set();
    }
  }
}
