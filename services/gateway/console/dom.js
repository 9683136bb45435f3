// Building DOM nodes without innerHTML: text from the services is always
// set as text, so nothing a report says can become markup.

// h('a', {href: '#/x', class: 'c'}, 'text', child, [more]) makes an element.
// Attributes starting with "on" are listeners; `false`, null and undefined
// attributes are left out; children may be strings, nodes, arrays or null.
export function h(tag, attributes = {}, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

// h() for SVG elements: s('circle', {cx: 1}).
export function s(tag, attributes = {}, ...children) {
  return h(`svg:${tag}`, attributes, ...children);
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.append(child);
    } else {
      parent.append(document.createTextNode(String(child)));
    }
  }
}

// Replaces every child of `parent`.
export function replaceChildren(parent, ...children) {
  parent.textContent = '';
  append(parent, children);
}

// A snippet's `**word**` marks as <mark> elements, the rest as text.
export function markedSnippet(snippet) {
  const parts = String(snippet || '').split('**');
  // Odd parts are inside marks; an unpaired last mark stays text.
  return parts.map((part, i) => {
    if (i % 2 === 1 && i < parts.length - 1) return h('mark', {}, part);
    return i % 2 === 1 ? `**${part}` : part;
  });
}

// A message for assistive technologies, read once.
export function announce(message) {
  const announcer = document.getElementById('announcer');
  if (!announcer) return;
  announcer.textContent = '';
  // A fresh text node after clearing makes screen readers speak it again.
  setTimeout(() => { announcer.textContent = message; }, 50);
}

// An error box for a failed call: the service's own message.
export function errorBox(error) {
  const status = error && error.status ? `${error.status}: ` : '';
  const box = h('div', {class: 'error', role: 'alert'},
    h('p', {}, `${status}${error && error.message ? error.message : error}`));
  if (error && (error.httpStatus === 401 || error.httpStatus === 403)) {
    box.append(h('p', {}, h('a', {href: '#/signin'}, 'Sign in with a token')));
  }
  return box;
}

// A loading line, announced politely.
export function loading(what = 'Loading') {
  return h('p', {class: 'loading', role: 'status'}, `${what}…`);
}

// "1,234" in the reader's locale.
export function count(n) {
  return Number(n || 0).toLocaleString('en');
}

// "1 visit", "3 visits".
export function plural(n, word) {
  return `${count(n)} ${word}${Number(n) === 1 ? '' : 's'}`;
}

// Downloads text as a file, e.g. a CSV export.
export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = h('a', {href: url, download: filename, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
