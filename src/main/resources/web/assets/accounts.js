// Accounts: masked emails with reveal on demand, state, primary, tier, OAuth client, token expiry, quota per model, and the
// operator's actions; adding an account by Google login, with the paste box for servers without a browser.
import {el, byId, replace} from './dom.js';
import {get, post, del} from './api.js';
import {notify, attempt, confirmAction, badge, ago, until, span} from './ui.js';

const STATE_KIND = {active: 'ok', disabled: 'muted', needs_relogin: 'bad', needs_verification: 'warn', suspended: 'bad'};
const STATE_LABEL = {
  active: 'active', disabled: 'disabled', needs_relogin: 'needs re-login', needs_verification: 'needs verification',
  suspended: 'suspended',
};

export class AccountsPanel {
  constructor(onChange) {
    this.list = byId('accounts');
    this.onChange = onChange;
    this.login = new LoginBox(() => this.refresh());
    this.revealed = new Map();   // account id → full email, while the operator keeps it revealed
    this.quotas = new Map();     // account id → {at, data}: quota answers reused for a minute across refreshes
    byId('add-account').addEventListener('click', () => this.login.start('google'));
    byId('add-chatgpt-account').addEventListener('click', () => this.login.start('codex'));
  }

  async refresh() {
    const data = await attempt(() => get('/api/accounts'), 'Could not load the accounts');
    if (!data) return;
    replace(byId('accounts-count'), String(data.count));
    if (data.accounts.length === 0) {
      replace(this.list, el('p', {class: 'empty', text:
          'No accounts yet. Add a Google account to serve requests from its quota (or import one with nexus accounts import).'}));
      return;
    }
    // Keep open quota panels open across refreshes.
    const open = new Set([...this.list.querySelectorAll('details[open]')].map((d) => d.dataset.account));
    replace(this.list, data.accounts.map((a) => this.card(a, open.has(a.id))));
  }

  card(account, quotaOpen) {
    const email = el('span', {class: 'email', text: this.revealed.get(account.id) ?? account.email, title: 'Email'});
    const reveal = el('button', {class: 'btn btn-small btn-ghost', type: 'button',
      text: this.revealed.has(account.id) ? 'Hide' : 'Reveal', 'aria-label': `Reveal the email of account ${account.id}`});
    reveal.addEventListener('click', async () => {
      if (this.revealed.has(account.id)) {
        this.revealed.delete(account.id);
        email.textContent = account.email;
        reveal.textContent = 'Reveal';
        return;
      }
      const full = await attempt(() => get(`/api/accounts/${encodeURIComponent(account.id)}/email`), 'Could not reveal the email');
      if (!full) return;
      this.revealed.set(account.id, full.email);
      email.textContent = full.email;
      reveal.textContent = 'Hide';
    });

    const state = el('span', {class: 'state'},
        badge(STATE_LABEL[account.state] ?? account.state, STATE_KIND[account.state] ?? 'muted'),
        ' since ', el('time', {datetime: account.state_since, title: new Date(account.state_since).toLocaleString(),
          text: ago(account.state_since)}));
    const facts = el('dl', {class: 'facts'},
        fact('State', state),
        account.state_reason ? fact('Reason', el('span', {class: 'reason', text: account.state_reason})) : null,
        fact('Token', account.token_expires_at ? until(account.token_expires_at) : 'not fetched yet'),
        fact('Project', account.project_id ?? '—'),
        account.oauth_client ? fact('OAuth client', el('code', {class: 'oauth-client', text: account.oauth_client})) : null,
        fact('Last used', ago(account.last_used_at)));

    return el('article', {class: 'account', dataset: {account: account.id}},
        el('div', {class: 'account-head'},
            el('span', {class: 'provider', text: account.provider}),
            email, reveal,
            account.primary ? badge('primary', 'primary') : null,
            account.tier ? badge(account.tier, 'tier') : null),
        facts,
        account.provider === 'codex' ? this.codexQuota(account) : this.quota(account, quotaOpen),
        el('div', {class: 'account-actions'}, this.actions(account)));
  }

  actions(account) {
    const id = encodeURIComponent(account.id);
    const button = (text, title, action, kind) => {
      const b = el('button', {class: ['btn', 'btn-small', kind], type: 'button', text, title});
      b.addEventListener('click', async () => {
        b.disabled = true;
        try {
          await action();
        } finally {
          b.disabled = false;
        }
      });
      return b;
    };
    const changed = async (call, done) => {
      const result = await attempt(call, `Account ${account.email}`);
      if (result) {
        notify(done);
        await this.refresh();
        this.onChange();
      }
    };
    const active = account.state === 'active';
    const disabled = account.state === 'disabled';
    return [
      button('Refresh token', `Ask ${account.provider === 'codex' ? 'OpenAI' : 'Google'} for a new access token now`,
          () => changed(() => post(`/api/accounts/${id}/refresh`), `Refreshed the token of ${account.email}`)),
      button(disabled ? 'Enable' : 'Disable', disabled ? 'Put the account back in service' : 'Take the account out of service',
          () => changed(() => post(`/api/accounts/${id}/active`, {is_active: disabled}),
              `${account.email} is now ${disabled ? 'enabled' : 'disabled'}`)),
      // Only a Google account can be the primary: it is the Google pool's first choice (the API refuses others).
      !account.primary && active && account.provider === 'google'
        ? button('Set primary', 'Offer this account first', () =>
            changed(() => post(`/api/accounts/${id}/promote`), `${account.email} is now the primary account`))
        : null,
      button('Remove', 'Remove the account and its tokens', async () => {
        if (await confirmAction('Remove account?',
            `${account.email} and its tokens will be removed from Nexus. You can add it again by logging in.`, 'Remove')) {
          await changed(() => del(`/api/accounts/${id}`), `Removed ${account.email}`);
        }
      }, 'btn-danger'),
    ];
  }

  quota(account, open) {
    const body = el('div', {class: 'quota'});
    const details = el('details', {class: 'quota-panel', dataset: {account: account.id}, open},
        el('summary', {text: 'Quota per model'}), body);
    const load = async () => {
      const cached = this.quotas.get(account.id);
      if (!cached) replace(body, el('p', {class: 'muted', text: 'Asking Cloud Code…'}));
      try {
        const fresh = cached && Date.now() - cached.at < 60_000;
        const data = fresh ? cached.data : await get(`/api/accounts/${encodeURIComponent(account.id)}/models`);
        if (!fresh) this.quotas.set(account.id, {at: Date.now(), data});
        replace(body, data.models.length === 0 ? el('p', {class: 'muted', text: 'No models reported.'})
            : el('ul', {class: 'quota-list'}, data.models.map(quotaRow)));
      } catch (e) {
        replace(body, el('p', {class: 'error-text', text: e.message}));
      }
    };
    details.addEventListener('toggle', () => { if (details.open) load(); });
    return details;
  }

  // A ChatGPT account's two Codex windows, always shown: the last ones an answer stated (or the backend's usage endpoint).
  codexQuota(account) {
    const body = el('div', {class: 'codex-quota', dataset: {account: account.id}},
        el('p', {class: 'muted', text: 'Reading the Codex usage windows…'}));
    (async () => {
      const cached = this.quotas.get(account.id);
      try {
        const fresh = cached && Date.now() - cached.at < 60_000;
        const data = fresh ? cached.data : await get(`/api/accounts/${encodeURIComponent(account.id)}/codex-quota`);
        if (!fresh) this.quotas.set(account.id, {at: Date.now(), data});
        replace(body, el('ul', {class: 'quota-list'},
            codexRow('5-hour', data.primary), codexRow('Weekly', data.secondary)),
            data.note ? el('p', {class: 'muted codex-quota-note', text: data.note}) : null,
            data.seen_at ? el('p', {class: 'muted codex-quota-note', text: `As of ${ago(data.seen_at)}`}) : null);
      } catch (e) {
        replace(body, el('p', {class: 'error-text', text: e.message}));
      }
    })();
    return body;
  }
}

function codexRow(name, window) {
  const used = window ? window.used_percent : null;
  const reset = !window || window.resets_in_seconds === null ? ''
      : window.resets_in_seconds <= 0 ? 'resetting…' : `resets in ${span(window.resets_in_seconds * 1000)}`;
  return el('li', {class: 'quota-row codex-window'},
      el('span', {class: 'quota-model', text: name, title: `${name} window`}),
      el('meter', {min: 0, max: 100, low: 50, high: 80, optimum: 0, value: used ?? 0, 'aria-label': `${name} window used`}),
      el('span', {class: 'quota-percent', text: used === null ? '—' : `${Math.round(used * 10) / 10}% used`}),
      el('span', {class: 'quota-reset muted', text: used === null ? 'unknown until the first request' : reset}));
}

function fact(name, value) {
  return [el('dt', {text: name}), el('dd', {}, value)];
}

function quotaRow(model) {
  const fraction = model.remaining_fraction;
  const percent = fraction === null || fraction === undefined ? null : Math.round(fraction * 1000) / 10;
  const reset = model.resets_in_seconds === null || model.resets_in_seconds === undefined ? ''
      : model.resets_in_seconds <= 0 ? 'resetting…' : `resets in ${span(model.resets_in_seconds * 1000)}`;
  return el('li', {class: 'quota-row'},
      el('span', {class: 'quota-model', text: model.display_name || model.id, title: model.id}),
      el('meter', {min: 0, max: 1, low: 0.2, high: 0.5, optimum: 1, value: fraction ?? 0,
        'aria-label': `${model.id} remaining quota`}),
      el('span', {class: 'quota-percent', text: percent === null ? '—' : `${percent}%`}),
      el('span', {class: 'quota-reset muted', text: reset}));
}

/**
 * Adding an account: Nexus starts a Google (or ChatGPT) login and the consent page opens in a new tab. On the machine Nexus runs
 * on, Google's redirect reaches Nexus's callback listener and the login finishes by itself; on a remote server the
 * redirect does not load, and its address is pasted here.
 */
class LoginBox {
  constructor(onAccount) {
    this.box = byId('login-box');
    this.onAccount = onAccount;
    this.poll = null;
  }

  async start(provider) {
    const chatgpt = provider === 'codex';
    const who = chatgpt ? 'ChatGPT' : 'Google';
    const login = await attempt(() => post('/api/accounts/login', {provider}), `Could not start a ${who} login`);
    if (!login) return;
    window.open(login.url, '_blank', 'noopener');
    const input = el('input', {id: 'login-url', type: 'url', required: true, autocomplete: 'off',
      placeholder: `${login.redirect_uri}?state=…&code=…`, 'aria-label': 'Address the browser ended on'});
    const form = el('form', {class: 'inline-form'}, input,
        el('button', {class: 'btn btn-primary', type: 'submit', text: 'Complete login'}));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.complete(input.value.trim());
    });
    const close = el('button', {class: 'btn btn-small btn-ghost', type: 'button', text: 'Close'});
    close.addEventListener('click', () => this.close());
    replace(this.box,
        el('div', {class: 'login-head'}, el('strong', {text: `Add a ${who} account`}),
            login.oauth_client ? el('span', {class: 'muted', text: ` with the ${login.oauth_client} OAuth client`}) : null, close),
        login.notice ? el('p', {class: 'muted login-notice', text: login.notice}) : null,
        el('ol', {},
            el('li', {}, el('a', {href: login.url, target: '_blank', rel: 'noopener noreferrer', text: chatgpt ? 'Open OpenAI\'s sign-in page' : 'Open Google\'s consent page'}),
                ' (it may have opened in a new tab already) and consent.'),
            el('li', {}, 'If Nexus runs on this computer, the account appears below by itself.'),
            el('li', {}, 'If Nexus runs on another machine, the browser ends on an address starting with ',
                el('code', {text: login.redirect_uri}), ' that does not load. Copy that whole address and paste it here:')),
        form,
        el('p', {class: 'muted', text: `This login ${until(login.expires_at)}.`}));
    this.box.hidden = false;
    input.focus();
    clearInterval(this.poll);
    this.poll = setInterval(() => this.onAccount(), 3000);
    setTimeout(() => clearInterval(this.poll), Math.max(0, Date.parse(login.expires_at) - Date.now()));
  }

  async complete(url) {
    const done = await attempt(() => post('/api/accounts/login/complete', {url}), 'The login did not complete');
    if (!done) return;
    notify(`${done.result === 'created' ? 'Added' : 'Renewed'} ${done.account.email}`);
    this.close();
    await this.onAccount();
  }

  close() {
    clearInterval(this.poll);
    this.box.hidden = true;
    this.box.replaceChildren();
  }
}
