// A paragraph read in its document: the section path, the paragraphs
// before and after it, its footnotes with the UN documents they cite
// (linked when stored), its themes, and "copy citation".

import {documentIdFromSymbol, get, isStored} from './api.js';
import {announce, h, replaceChildren} from './dom.js';
import {documentLink, paragraphLink, searchLink} from './routes.js';
import {themeLabel} from './labels.js';

function documentNameOf(paragraphName) {
  return String(paragraphName).split('/').slice(0, 2).join('/');
}

// The note's text with every symbol it cites marked, to be linked once
// the document is known to be stored; cites the text does not spell are
// listed after it.
function noteText(note) {
  const cites = (note.cites || []).filter((cite) => cite);
  const parts = [];
  const unspelt = [];
  // Longest first, so that A/HRC/7/20/Add.1 is not cut at A/HRC/7/20.
  const ordered = [...cites].sort((a, b) => b.length - a.length);
  const pieces = [{text: note.text || '', cite: null}];
  for (const cite of ordered) {
    let found = false;
    for (let i = 0; i < pieces.length; ++i) {
      const piece = pieces[i];
      if (piece.cite) continue;
      const at = piece.text.indexOf(cite);
      if (at < 0) continue;
      found = true;
      pieces.splice(i, 1,
        {text: piece.text.slice(0, at), cite: null},
        {text: cite, cite},
        {text: piece.text.slice(at + cite.length), cite: null});
      i += 2;
    }
    if (!found) unspelt.push(cite);
  }
  for (const piece of pieces) {
    parts.push(piece.cite ? citedSymbol(piece.cite) : piece.text);
  }
  if (unspelt.length > 0) {
    parts.push(' (cites ', unspelt.flatMap((cite, i) =>
      i === 0 ? [citedSymbol(cite)] : ['; ', citedSymbol(cite)]), ')');
  }
  return parts;
}

// A cited UN symbol: a link to its document when that document is stored,
// else the symbol as text.
function citedSymbol(symbol) {
  const element = h('span', {class: 'cited-symbol', dataset: {symbol}}, symbol);
  const id = documentIdFromSymbol(symbol);
  if (id) {
    const name = `documents/${id}`;
    isStored(name).then((stored) => {
      if (!stored || !element.isConnected) return;
      const link = h('a', {href: documentLink(name), class: 'cited-symbol',
        dataset: {symbol}, title: `Open ${symbol}`}, symbol);
      element.replaceWith(link);
    });
  }
  return element;
}

function notesList(paragraph) {
  const notes = paragraph.notes || [];
  if (notes.length === 0) return null;
  return h('section', {class: 'notes', 'aria-labelledby': 'notes-heading'},
    h('h2', {id: 'notes-heading'}, notes.length === 1 ? 'Footnote' : 'Footnotes'),
    h('ol', {class: 'note-list'},
      notes.map((note) => h('li', {class: 'note', id: `note-${note.number}`,
        value: note.number},
      h('span', {class: 'note-number', 'aria-hidden': 'true'}, `${note.number}`),
      h('span', {class: 'note-text'}, noteText(note),
        note.sameAs
          ? h('span', {class: 'same-as'}, ` (the same as note ${note.sameAs})`) : null)))));
}

// The paragraph's text; footnote markers are kept apart by the extraction,
// so the paragraph's notes are referenced after it.
function paragraphBody(paragraph) {
  const markers = (paragraph.footnotes || []).map((number) =>
    h('a', {href: `#note-${number}`, class: 'note-ref',
      onclick: (event) => {
        event.preventDefault();
        const note = document.getElementById(`note-${number}`);
        if (note) {
          note.setAttribute('tabindex', '-1');
          note.focus();
        }
      }}, h('sup', {}, number), h('span', {class: 'sr-only'}, ` footnote ${number}`)));
  return h('p', {class: 'paragraph-text'}, paragraph.text || '',
    markers.length ? ' ' : null, markers);
}

function neighbour(paragraph, rel) {
  if (!paragraph) return null;
  const label = paragraph.number ? `para. ${paragraph.number}` : 'unnumbered paragraph';
  return h('section', {class: `neighbour neighbour-${rel}`,
    'aria-label': `${rel === 'prev' ? 'Previous' : 'Next'} paragraph, ${label}`},
  h('p', {class: 'neighbour-link'},
    h('a', {href: paragraphLink(paragraph.name), rel},
      rel === 'prev' ? `↑ ${label}` : `↓ ${label}`)),
  h('p', {class: 'neighbour-text'}, paragraph.text || ''));
}

function copyButton(citation) {
  const status = h('span', {class: 'copy-status', role: 'status'});
  const button = h('button', {
    type: 'button', class: 'copy-citation',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(citation);
        status.textContent = `Copied “${citation}”`;
      } catch (error) {
        // No clipboard (an insecure origin, a refused permission): select
        // the citation so that the reader can copy it by hand.
        const field = h('input', {type: 'text', readonly: true, value: citation,
          'aria-label': 'Citation', class: 'citation-field'});
        replaceChildren(status, field);
        field.select();
      }
      announce(status.textContent || 'Citation selected');
    },
  }, 'Copy citation');
  return h('div', {class: 'copy'}, button, status);
}

export async function render(view, params, isCurrent) {
  const name = params.get('name');
  const citation = params.get('citation');
  const paragraph = name ? await get(`v1/${name}`)
    : await get('v1/paragraphs:lookup', {citation});
  if (!isCurrent()) return;
  const documentName = documentNameOf(paragraph.name);
  const doc = await get(`v1/${documentName}`);
  if (!isCurrent()) return;
  const paragraphs = doc.paragraphs || [];
  const at = paragraphs.findIndex((p) => p.name === paragraph.name ||
    (p.ordinal || 0) === (paragraph.ordinal || 0));
  const before = at > 0 ? paragraphs[at - 1] : null;
  const after = at >= 0 && at + 1 < paragraphs.length ? paragraphs[at + 1] : null;
  const sections = (paragraph.section || '').split(' › ').filter((part) => part);
  view.append(
    h('nav', {class: 'breadcrumb', 'aria-label': 'Where this paragraph is'},
      h('ol', {},
        h('li', {}, h('a', {href: documentLink(documentName)},
          doc.symbol || documentName)),
        sections.map((section) => h('li', {}, section)))),
    h('header', {class: 'paragraph-header'},
      h('h1', {class: 'citation', id: 'citation'}, paragraph.citation || paragraph.name),
      h('p', {class: 'document-title'}, [doc.title, doc.date].filter((x) => x).join(' · ')),
      copyButton(paragraph.citation || paragraph.name)),
    neighbour(before, 'prev'),
    h('article', {class: 'paragraph', 'aria-labelledby': 'citation'},
      paragraphBody(paragraph),
      notesList(paragraph),
      (paragraph.themes || []).length ? h('p', {class: 'tags'},
        h('span', {class: 'tags-label'}, 'Themes: '),
        paragraph.themes.map((theme) => h('a', {class: 'tag',
          href: searchLink(`theme:${theme}`)}, themeLabel(theme)))) : null,
      (paragraph.entities || []).length ? h('p', {class: 'tags'},
        h('span', {class: 'tags-label'}, 'Names: '),
        paragraph.entities.map((entity) => h('span', {class: 'tag'}, entity))) : null),
    neighbour(after, 'next'));
}
