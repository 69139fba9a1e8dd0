// Model routes: which provider and target model a client model name goes to, with fallbacks. Add, edit, delete,
// and reset to the routes file. The provider list comes from the server's policy for the typed client model.
import {el, byId, replace} from './dom.js';
import {get, post, put, del, withQuery} from './api.js';
import {notify, attempt, confirmAction, badge} from './ui.js';

const PROVIDER_LABEL = {google: 'google (Cloud Code accounts)', gemini: 'gemini (Gemini API keys)', vertex: 'vertex (Vertex AI key)'};

export class RoutesPanel {
  constructor() {
    this.list = byId('routes');
    this.form = byId('route-form');
    byId('add-route').addEventListener('click', () => this.edit(null));
    byId('reset-routes').addEventListener('click', () => this.reset());
    this.save = null;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.save) this.save();
    });
  }

  async refresh() {
    const data = await attempt(() => get('/api/model-routes'), 'Could not load the model routes');
    if (!data) return;
    replace(byId('routes-count'), String(data.count));
    replace(this.list, data.routes.length === 0
      ? el('p', {class: 'empty', text: 'No routes: every model name goes to Cloud Code as it is.'})
      : el('div', {class: 'table-wrap scroll'}, el('table', {class: 'table stack', id: 'routes-table'},
          el('thead', {}, el('tr', {}, ['Client model', 'Goes to', 'Fallbacks', ''].map((h) => el('th', {text: h})))),
          el('tbody', {}, data.routes.map((r) => this.row(r))))));
  }

  row(route) {
    const edit = el('button', {class: 'btn btn-small', type: 'button', text: 'Edit'});
    edit.addEventListener('click', () => this.edit(route));
    const remove = el('button', {class: 'btn btn-small btn-danger', type: 'button', text: 'Delete'});
    remove.addEventListener('click', async () => {
      if (!await confirmAction('Delete route?',
          `Requests for "${route.client_model}" will no longer go to ${route.target_provider}/${route.target_model}.`, 'Delete')) return;
      if (await attempt(() => del(`/api/model-routes/${encodeURIComponent(route.id)}`), 'Could not delete the route')) {
        notify(`Deleted the route for "${route.client_model}"`);
        await this.refresh();
      }
    });
    return el('tr', {dataset: {route: route.id}, class: route.is_active ? null : 'inactive'},
        el('td', {}, el('code', {class: 'client-model', text: route.client_model}),
            route.is_active ? null : [' ', badge('inactive', 'muted')]),
        el('td', {}, el('span', {class: 'provider', text: route.target_provider}), ' ', el('code', {text: route.target_model})),
        el('td', {class: 'small', text: route.fallbacks.length ? route.fallbacks.join(', ') : '—'}),
        el('td', {class: 'cell-actions'}, edit, remove));
  }

  /** Opens the form for a new route (route null) or to replace an existing one. */
  edit(route) {
    const client = el('input', {id: 'route-client', name: 'client_model', type: 'text', required: true, autocomplete: 'off',
      placeholder: 'e.g. gpt-4o'});
    const provider = el('select', {id: 'route-provider', name: 'target_provider'});
    const target = el('input', {id: 'route-target', name: 'target_model', type: 'text', required: true, autocomplete: 'off',
      placeholder: 'e.g. gemini-3-flash'});
    const fallbacks = el('input', {id: 'route-fallbacks', name: 'fallbacks', type: 'text', autocomplete: 'off',
      placeholder: 'optional, comma-separated'});
    // Fallbacks are the route provider's models, or provider/model on any other provider allowed for the client model.
    const fallbackHint = el('span', {id: 'route-fallbacks-hint', class: 'small'});
    const active = el('input', {id: 'route-active', name: 'is_active', type: 'checkbox'});
    client.value = route?.client_model ?? '';
    target.value = route?.target_model ?? '';
    fallbacks.value = route?.fallbacks.join(', ') ?? '';
    active.checked = route?.is_active ?? true;

    let pending = 0;
    const loadProviders = async () => {
      const ticket = ++pending;
      const model = client.value.trim();
      let allowed = ['google'];
      if (model) {
        const answer = await attempt(() => get(withQuery('/api/providers/allowed', {client_model: model})),
            'Could not ask which providers may serve this model');
        if (answer) allowed = answer.providers;
      }
      if (ticket !== pending) return;
      const wanted = provider.value || route?.target_provider || 'google';
      replace(provider, allowed.map((p) => el('option', {value: p, text: PROVIDER_LABEL[p] ?? p})));
      provider.value = allowed.includes(wanted) ? wanted : allowed[0];
      fallbackHint.textContent = `Models of the route's provider, or provider/model on another: ${allowed.join(', ')}`;
    };
    let debounce = null;
    client.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(loadProviders, 250);
    });

    const cancel = el('button', {class: 'btn', type: 'button', text: 'Cancel'});
    cancel.addEventListener('click', () => this.close());
    replace(this.form,
        el('h3', {text: route ? `Edit the route for "${route.client_model}"` : 'New route'}),
        field('Client model', client), field('Provider', provider), field('Target model', target),
        field('Fallback models', fallbacks), fallbackHint,
        route ? el('label', {class: 'check'}, active, ' Active') : null,
        el('div', {class: 'form-actions'}, el('button', {class: 'btn btn-primary', type: 'submit', text: 'Save route'}), cancel));
    this.save = async () => {
      const body = {
        client_model: client.value.trim(),
        target_provider: provider.value,
        target_model: target.value.trim(),
        fallbacks: fallbacks.value.split(',').map((f) => f.trim()).filter(Boolean),
      };
      if (route) body.is_active = active.checked;
      const saved = await attempt(() => route ? put(`/api/model-routes/${encodeURIComponent(route.id)}`, body)
          : post('/api/model-routes', body), 'Could not save the route');
      if (!saved) return;
      notify(`Saved: ${saved.client_model} → ${saved.target_provider}/${saved.target_model}`);
      this.close();
      await this.refresh();
    };
    this.form.hidden = false;
    loadProviders();
    client.focus();
  }

  close() {
    this.save = null;
    this.form.hidden = true;
    this.form.replaceChildren();
  }

  async reset() {
    if (!await confirmAction('Reset routes?',
        'Every route is replaced by the routes file\'s (the built-in defaults when there is none). Your changes are lost.',
        'Reset')) return;
    const done = await attempt(() => post('/api/model-routes/reset'), 'Could not reset the routes');
    if (done) {
      notify(`Routes reset from ${done.source} (${done.count} routes)`);
      await this.refresh();
    }
  }
}

function field(label, control) {
  return el('label', {class: 'field'}, el('span', {class: 'field-label', text: label}), control);
}
