// Client API keys: list by prefix with their limits, create (the full key is shown once, here, and never again),
// edit limits, revoke.
import {el, byId, replace} from './dom.js';
import {get, post, patch, del} from './api.js';

/** The limit fields of the form, by API field. */
const LIMITS = {rpm: 'key-rpm', tpm: 'key-tpm', concurrency: 'key-concurrency', daily_tokens: 'key-daily', monthly_tokens: 'key-monthly'};

/** The key's limits in one line, as the table shows them. */
function describe(key) {
  const parts = [];
  if (key.models && key.models.length) parts.push(`models ${key.models.join(', ')}`);
  if (key.rpm) parts.push(`${key.rpm} req/min`);
  if (key.tpm) parts.push(`${key.tpm} tok/min`);
  if (key.concurrency) parts.push(`${key.concurrency} at once`);
  if (key.daily_tokens) parts.push(`${key.daily_tokens} tok/day`);
  if (key.monthly_tokens) parts.push(`${key.monthly_tokens} tok/month`);
  if (key.expires_at) parts.push(`expires ${dateTime(key.expires_at)}`);
  if (key.enabled === false) parts.push('disabled');
  return parts.length ? parts.join('; ') : 'none';
}
import {notify, attempt, confirmAction, copyButton, ago, dateTime} from './ui.js';

export class KeysPanel {
  constructor(onChange) {
    this.list = byId('keys');
    this.fresh = byId('new-key');
    this.onChange = onChange;
    this.editing = null;
    const form = byId('key-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.editing) {
        this.save(byId('key-name'));
      } else {
        this.create(byId('key-name'));
      }
    });
    byId('key-cancel').addEventListener('click', () => this.stopEditing());
  }

  /** The form's policy fields for the API: an empty field is null (no limit). */
  limits() {
    const body = {};
    const models = byId('key-models').value.trim();
    body.models = models ? models.split(',').map((m) => m.trim()).filter((m) => m) : [];
    for (const [field, id] of Object.entries(LIMITS)) {
      const value = byId(id).value.trim();
      body[field] = value ? Number(value) : null;
    }
    const expires = byId('key-expires').value.trim();
    if (/^\d+[smhd]$/.test(expires)) {
      body.expires_in = expires;
    } else {
      body.expires_at = expires || null;
    }
    body.enabled = byId('key-enabled').checked;
    return body;
  }

  /** Loads a key into the form, which then saves its name and limits instead of creating a key. */
  edit(key) {
    this.editing = key;
    byId('key-name').value = key.name;
    byId('key-models').value = (key.models || []).join(',');
    for (const [field, id] of Object.entries(LIMITS)) byId(id).value = key[field] ?? '';
    byId('key-expires').value = key.expires_at || '';
    byId('key-enabled').checked = key.enabled !== false;
    byId('key-limits').open = true;
    byId('key-submit').textContent = `Save "${key.name}"`;
    byId('key-cancel').hidden = false;
    byId('key-name').focus();
  }

  stopEditing() {
    this.editing = null;
    byId('key-form').reset();
    byId('key-enabled').checked = true;
    byId('key-submit').textContent = 'Create key';
    byId('key-cancel').hidden = true;
  }

  async save(input) {
    const key = this.editing;
    const saved = await attempt(() => patch(`/api/keys/${encodeURIComponent(key.id)}`, {name: input.value.trim(), ...this.limits()}),
        `Could not save "${key.name}"`);
    if (!saved) return;
    notify(`Saved "${saved.name}"`);
    this.stopEditing();
    await this.refresh();
    this.onChange();
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
          el('td', {colspan: 4, class: 'muted', text: 'set in the server\'s environment, without limits; unset it and restart to retire it'})));
    }
    replace(this.list,
        rows.length === 0 ? el('p', {class: 'empty', text: 'No active key: clients cannot call Nexus until you create one.'})
            : el('div', {class: 'table-wrap'}, el('table', {class: 'table', id: 'keys-table'},
                el('thead', {}, el('tr', {}, ['Name', 'Prefix', 'Created', 'Last used', 'Limits', ''].map((h) => el('th', {text: h})))),
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
    const edit = el('button', {class: 'btn btn-small', type: 'button', text: 'Edit'});
    edit.addEventListener('click', () => this.edit(key));
    return el('tr', {dataset: {key: key.id}},
        el('td', {text: key.name}),
        el('td', {}, el('code', {text: `${key.prefix}…`})),
        el('td', {text: ago(key.created_at), title: dateTime(key.created_at)}),
        el('td', {text: ago(key.last_used_at), title: dateTime(key.last_used_at)}),
        el('td', {class: 'key-policy small', text: describe(key)}),
        el('td', {class: 'cell-actions'}, edit, revoke));
  }

  async create(input) {
    const name = input.value.trim();
    if (!name) return;
    const created = await attempt(() => post('/api/keys', {name, ...this.limits()}), 'Could not create the key');
    if (!created) return;
    this.stopEditing();
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
