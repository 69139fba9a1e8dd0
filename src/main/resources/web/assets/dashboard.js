// The dashboard: accounts, usage, client keys, model routes, the self-test, surfaces and client snippets, each refreshed while
// the tab is visible.
import {byId, replace} from './dom.js';
import {get} from './api.js';
import {every} from './ui.js';
import {AccountsPanel} from './accounts.js';
import {AlertsBanner} from './alerts.js';
import {KeysPanel} from './keys.js';
import {RoutesPanel} from './routes.js';
import {SelfTestPanel} from './selftest.js';
import {StatusPanel} from './status.js';
import {UsagePanel} from './usage.js';

const status = new StatusPanel();
const accounts = new AccountsPanel(() => status.refresh());
const keys = new KeysPanel(() => status.refresh());
const routes = new RoutesPanel();
const usage = new UsagePanel();
const selfTest = new SelfTestPanel();
const alerts = new AlertsBanner(byId('alerts'));

get('/api/version').then((v) => replace(byId('version'), `v${v.version}`)).catch(() => {});
every(20, () => accounts.refresh());
every(15, () => alerts.refresh());
every(30, () => Promise.all([keys.refresh(), status.refresh()]));
every(60, () => routes.refresh());
every(60, () => usage.refresh());
selfTest.refresh();
