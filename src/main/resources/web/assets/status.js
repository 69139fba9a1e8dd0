// What this server can serve (surfaces and upstreams) and copyable client set-ups that use its real address.
import {el, byId, replace} from './dom.js';
import {get} from './api.js';
import {attempt, badge, copyButton} from './ui.js';

const KEY = 'YOUR_NEXUS_KEY';

export class StatusPanel {
  constructor() {
    this.status = byId('status');
    this.snippets = byId('snippets');
    this.chosen = 'claude';
  }

  async refresh() {
    const data = await attempt(() => get('/api/status'), 'Could not load the server status');
    if (!data) return;
    this.renderStatus(data);
    this.renderSnippets(data.base_url);
  }

  renderStatus(data) {
    const a = data.accounts;
    const upstreams = el('dl', {class: 'facts'},
        fact('Google accounts', `${a.usable_google} active of ${a.by_provider.google ?? 0}`
            + (a.total > (a.by_provider.google ?? 0) ? ` (${a.total} accounts in all)` : '')),
        fact('Gemini API', data.gemini_api.configured
          ? `${data.gemini_api.keys} key${data.gemini_api.keys === 1 ? '' : 's'}: ${data.gemini_api.labels.join(', ')}`
          : `not configured (set ${data.gemini_api.variable})`),
        fact('Vertex AI', data.vertex.configured ? `key ${data.vertex.labels.join(', ')}` : `not configured (set ${data.vertex.variable})`),
        fact('Client keys', `${data.client_keys.active} active` + (data.client_keys.environment_key ? ' + NEXUS_API_KEY' : '')),
        fact('Admin password', data.admin_password ? 'required' : 'off (loopback only)'));
    const surfaces = data.surfaces.map((s) => el('li', {class: 'surface', dataset: {surface: s.id}},
        el('div', {class: 'surface-head'}, el('span', {class: 'surface-name', text: s.name}),
            badge(s.ready ? 'ready' : 'not ready', s.ready ? 'ok' : 'warn')),
        el('code', {class: 'small surface-path', text: s.path}),
        el('div', {class: 'small muted', text: s.note})));
    replace(this.status, el('ul', {class: 'surfaces', id: 'surfaces'}, surfaces), el('h3', {text: 'Upstreams'}), upstreams);
  }

  renderSnippets(base) {
    const all = snippets(base);
    const code = el('pre', {class: 'code', id: 'snippet-code'});
    const note = el('p', {class: 'muted small'});
    const tabs = el('div', {class: 'segmented', role: 'tablist', 'aria-label': 'Client'});
    const show = (id) => {
      this.chosen = id;
      const s = all.find((x) => x.id === id);
      code.textContent = s.code;
      note.textContent = s.note;
      for (const b of tabs.children) b.setAttribute('aria-pressed', String(b.dataset.snippet === id));
    };
    for (const s of all) {
      const tab = el('button', {class: 'seg', type: 'button', text: s.title, dataset: {snippet: s.id}});
      tab.addEventListener('click', () => show(s.id));
      tabs.append(tab);
    }
    replace(this.snippets,
        el('p', {class: 'small'}, 'Base URL ', el('code', {id: 'base-url', text: base}), ' · replace ',
            el('code', {text: KEY}), ' with one of your client keys.'),
        tabs, el('div', {class: 'code-box'}, code, copyButton(() => code.textContent)), note);
    show(all.some((s) => s.id === this.chosen) ? this.chosen : all[0].id);
  }
}

function fact(name, value) {
  return [el('dt', {text: name}), el('dd', {text: value})];
}

function snippets(base) {
  return [
    {id: 'claude', title: 'Claude Code', note: 'Anthropic Messages at /anthropic; model names go through the routes.',
      code: `export ANTHROPIC_BASE_URL=${base}/anthropic
export ANTHROPIC_AUTH_TOKEN=${KEY}
claude`},
    {id: 'codex', title: 'Codex', note: 'Codex ignores OPENAI_BASE_URL: it needs a provider in config.toml and the key in NEXUS_KEY.',
      code: `# ~/.codex/config.toml
model = "gpt-5-codex"
model_provider = "nexus"

[model_providers.nexus]
name = "Nexus"
base_url = "${base}/v1"
env_key = "NEXUS_KEY"
wire_api = "responses"

# then, in the shell:
# export NEXUS_KEY=${KEY}`},
    {id: 'openai', title: 'OpenAI SDK', note: 'Chat Completions and Responses at /v1.',
      code: `from openai import OpenAI

client = OpenAI(base_url="${base}/v1", api_key="${KEY}")
reply = client.chat.completions.create(
    model="gemini-3-flash",
    messages=[{"role": "user", "content": "Hello"}],
)
print(reply.choices[0].message.content)`},
    {id: 'genai', title: 'GenAI SDK / Gemini CLI', note: 'Google GenAI at /genai (Gemini CLI in API-key mode).',
      code: `# Python (google-genai)
from google import genai
from google.genai import types

client = genai.Client(api_key="${KEY}",
                      http_options=types.HttpOptions(base_url="${base}/genai"))
print(client.models.generate_content(model="gemini-3-flash", contents="Hello").text)

# Gemini CLI, with {"security":{"auth":{"selectedType":"gemini-api-key"}}} in ~/.gemini/settings.json
export GEMINI_API_KEY=${KEY}
export GOOGLE_GEMINI_BASE_URL=${base}/genai
gemini`},
  ];
}
