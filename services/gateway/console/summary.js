// What was extracted from a document, as counts and warnings: shown
// before storing an upload (analyze), after storing it, and on the
// document page.

import {count, h} from './dom.js';

function length(list) {
  return (list || []).length;
}

let summaries = 0;

export function documentSummary(doc) {
  const headingId = `warnings-heading-${++summaries}`;
  const rows = [
    ['Symbol', doc.symbol],
    ['Title', doc.title],
    ['Date', doc.date],
    ['Countries', (doc.countries || []).join(', ')],
    ['Language', doc.language],
    ['Revision', doc.revision],
    ['Format', doc.mediaType],
    ['Paragraphs', count(doc.paragraphCount || length(doc.paragraphs))],
    ['Sections', count(length(doc.sections))],
    ['Footnotes', count(length(doc.footnotes))],
    ['References to other documents', count(length(doc.references))],
    ['Recommendations', count(length(doc.recommendations))],
    ['Communications', count(length(doc.communications))],
    ['Country visits', count(length(doc.visits))],
    ['Figures', count(length(doc.figures))],
    ['Names (countries, bodies, treaties)', count(length(doc.entities))],
  ].filter(([, value]) => value !== undefined && value !== null && value !== '');
  const warnings = doc.warnings || [];
  return h('div', {class: 'document-summary'},
    h('dl', {class: 'summary'},
      rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, String(value))])),
    h('section', {class: 'warnings', 'aria-labelledby': headingId},
      h('h3', {id: headingId},
        warnings.length ? `Warnings (${warnings.length})` : 'No warnings'),
      warnings.length ? h('ul', {},
        warnings.map((warning) => h('li', {},
          warning.line ? h('span', {class: 'warning-line'}, `line ${warning.line}: `) : null,
          warning.message))) : null));
}
