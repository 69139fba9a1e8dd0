// Client API keys: list by prefix, create (the full key is shown once, here, and never again), revoke.
import {el, byId, replace} from './dom.js';
import {get, post, del} from './api.js';
import {notify, attempt, confirmAction, copyButton, ago, dateTime} from './ui.js';

export class KeysPanel {
  constructor(onChange) {
    this.list = byId('keys');
    this.fresh = byId('new-key');
    this.onChange = onChange;
    const form = byId('key-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create(byId('key-name'));
    });
  }

  async refresh() {
    const data = await attempt(() => get('/api/keys'), 'Could not load the client keys');
    if (!data) return;
    const active = data.keys.filter((k) => !k.revoked_at);
    const revoked = data.keys.length - active.length;
    const rows = active.map((k) => this.row(k));
    if (data.environment_key) {
      rows.push(el('tr', {},
          el('td', {text: 'NEXUS_API_KEY'}), el('td', {}, el('code', {text: '(environment)'})),
          el('td', {colspan: 3, class: 'muted', text: 'set in the server\'s environment; unset it and restart to retire it'})));
    }
    replace(this.list,
        rows.length === 0 ? el('p', {class: 'empty', text: 'No active key: clients cannot call Nexus until you create one.'})
            : el('div', {class: 'table-wrap'}, el('table', {class: 'table', id: 'keys-table'},
                el('thead', {}, el('tr', {}, ['Name', 'Prefix', 'Created', 'Last used', ''].map((h) => el('th', {text: h})))),
                el('tbody', {}, rows))),
        revoked > 0 ? el('p', {class: 'muted small', text: `${revoked} revoked key${revoked === 1 ? '' : 's'} not shown.`}) : null);
  }

  row(key) {
    const revoke = el('button', {class: 'btn btn-small btn-danger', type: 'button', text: 'Revoke'});
    revoke.addEventListener('click', async () => {
      if (!await confirmAction('Revoke key?',
          `Clients using "${key.name}" (${key.prefix}…) will be refused from now on. This cannot be undone.`, 'Revoke')) return;
      if (await attempt(() => del(`/api/keys/${encodeURIComponent(key.id)}`), `Could not revoke "${key.name}"`)) {
        notify(`Revoked "${key.name}"`);
        await this.refresh();
        this.onChange();
      }
    });
    return el('tr', {dataset: {key: key.id}},
        el('td', {text: key.name}),
        el('td', {}, el('code', {text: `${key.prefix}…`})),
        el('td', {text: ago(key.created_at), title: dateTime(key.created_at)}),
        el('td', {text: ago(key.last_used_at), title: dateTime(key.last_used_at)}),
        el('td', {class: 'cell-actions'}, revoke));
  }

  async create(input) {
    const name = input.value.trim();
    if (!name) return;
    const created = await attempt(() => post('/api/keys', {name}), 'Could not create the key');
    if (!created) return;
    input.value = '';
    this.show(created);
    await this.refresh();
    this.onChange();
  }

  /** The one time the full key is on screen; it lives only in this element until it is dismissed or the page reloads. */
  show(created) {
    const field = el('input', {id: 'new-key-value', class: 'mono', type: 'text', readonly: true,
      'aria-label': `The new key "${created.name}"`});
    field.value = created.key;
    field.addEventListener('focus', () => field.select());
    const dismiss = el('button', {class: 'btn btn-small btn-ghost', type: 'button', text: 'Done'});
    dismiss.addEventListener('click', () => {
      this.fresh.hidden = true;
      this.fresh.replaceChildren();
    });
    replace(this.fresh,
        el('p', {}, el('strong', {text: `Key "${created.name}" created.`}),
            ' Copy it now: Nexus keeps only its hash and cannot show it again.'),
        el('div', {class: 'copy-row'}, field, copyButton(() => created.key), dismiss));
    this.fresh.hidden = false;
  }
}
