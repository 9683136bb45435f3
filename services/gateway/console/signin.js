// Sign-in with a bearer token, kept in this tab's sessionStorage only (it
// is gone when the tab closes). Services without tokens configured accept
// anonymous calls, so signing in is needed only where roles are enforced.

import {setToken, token} from './api.js';
import {announce, h} from './dom.js';
import {go} from './routes.js';

export async function render(view) {
  const input = h('input', {id: 'token', name: 'token', type: 'password',
    autocomplete: 'off', required: true, 'aria-describedby': 'token-help'});
  const signedIn = Boolean(token());
  view.append(h('h1', {}, signedIn ? 'Signed in' : 'Sign in'),
    h('p', {class: 'lede'}, signedIn
      ? 'Calls carry your token. Sign in again to use another one.'
      : 'Give the bearer token you were issued: it decides your role ' +
        '(viewer, analyst, ingestor, admin).'),
    h('form', {class: 'signin-form', onsubmit: (event) => {
      event.preventDefault();
      setToken(input.value.trim());
      announce('Signed in');
      go('search');
    }},
    h('div', {class: 'field'}, h('label', {for: 'token'}, 'Token'), input,
      h('p', {id: 'token-help', class: 'help'},
        'Kept in this browser tab only, until it closes or you sign out.')),
    h('div', {class: 'field actions'}, h('button', {type: 'submit'}, 'Sign in'))),
    signedIn ? h('p', {}, h('button', {type: 'button', class: 'secondary',
      onclick: () => {
        setToken('');
        announce('Signed out');
        go('search');
      }}, 'Sign out')) : null);
}
