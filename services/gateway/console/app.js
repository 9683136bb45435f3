// The console's entry point: one page per hash route (`#/search?q=...`),
// so every page is a link an analyst can keep or send.

import {announce, errorBox, h, replaceChildren} from './dom.js';
import {token} from './api.js';
import {route} from './routes.js';
import * as search from './search.js';
import * as paragraph from './paragraph.js';
import * as documentPage from './document.js';
import * as recommendations from './recommendations.js';
import * as communications from './communications.js';
import * as visits from './visits.js';
import * as figures from './figures.js';
import * as ingest from './ingest.js';
import * as signin from './signin.js';

const pages = {
  search, paragraph, document: documentPage, recommendations, communications,
  visits, figures, ingest, signin,
};

let rendering = 0;

async function render() {
  const {page, params} = route();
  const module = pages[page] || search;
  const main = document.getElementById('main');
  const current = ++rendering;
  delete main.dataset.ready;  // tests wait for it: the page is drawn
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    if (link.dataset.page === page) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  updateSignin();
  const view = h('div', {class: `page page-${page}`});
  replaceChildren(main, view);
  try {
    // A page renders into `view`; `isCurrent` tells it whether the reader
    // has moved on while it waited for the services.
    await module.render(view, params, () => current === rendering);
  } catch (error) {
    if (current === rendering) view.append(errorBox(error));
  }
  if (current !== rendering) return;
  const heading = view.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Rapporteur` : 'Rapporteur';
  main.dataset.ready = 'true';
}

function updateSignin() {
  const link = document.getElementById('signin-link');
  link.textContent = token() ? 'Signed in' : 'Sign in';
}

// Moving between pages moves the focus to the new page's content, as a
// page load would, so keyboard and screen-reader users start there.
window.addEventListener('hashchange', async () => {
  await render();
  const main = document.getElementById('main');
  if (!main.contains(document.activeElement) ||
      document.activeElement === document.body) {
    main.focus({preventScroll: true});
  }
  const heading = main.querySelector('h1');
  if (heading) announce(heading.textContent);
});

// The skip link must not change the route.
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

render();
