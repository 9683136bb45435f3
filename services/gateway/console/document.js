// A document: what it is, what was extracted from it (the same summary the
// ingest page shows), and its paragraphs, each a link to its reading view.

import {get} from './api.js';
import {h} from './dom.js';
import {documentSummary} from './summary.js';
import {link, paragraphLink} from './routes.js';

function excerpt(text, length = 180) {
  const value = String(text || '');
  return value.length <= length ? value : `${value.slice(0, length).replace(/\s+\S*$/, '')} …`;
}

export async function render(view, params, isCurrent) {
  const name = params.get('name');
  const doc = await get(`v1/${name}`);
  if (!isCurrent()) return;
  const filter = {document: doc.name};
  view.append(
    h('h1', {}, doc.symbol || doc.name),
    doc.title ? h('p', {class: 'document-title'}, doc.title) : null,
    documentSummary(doc),
    h('p', {class: 'record-links'}, 'Records of this document: ',
      h('a', {href: link('recommendations', filter)}, 'recommendations'), ' · ',
      h('a', {href: link('communications', filter)}, 'communications'), ' · ',
      h('a', {href: link('visits', filter)}, 'visits'), ' · ',
      h('a', {href: link('figures', filter)}, 'figures')),
    h('section', {'aria-labelledby': 'paragraphs-heading'},
      h('h2', {id: 'paragraphs-heading'}, 'Paragraphs'),
      h('ol', {class: 'paragraph-list'},
        (doc.paragraphs || []).map((paragraph) => h('li', {},
          h('a', {href: paragraphLink(paragraph.name)},
            paragraph.number ? `para. ${paragraph.number}` : 'unnumbered'),
          ' ', h('span', {class: 'paragraph-excerpt'}, excerpt(paragraph.text)))))));
}
