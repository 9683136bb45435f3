// Ingest by upload: the file is analyzed first (nothing stored) so the
// extraction summary and its warnings can be read, then stored on request
// (the ingestor role), and the stored document's summary shown.

import {post} from './api.js';
import {announce, errorBox, h, loading, replaceChildren} from './dom.js';
import {documentSummary} from './summary.js';
import {documentLink} from './routes.js';

const MEDIA_TYPES = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  text: 'text/plain',
};

export function mediaTypeOf(file) {
  const extension = file.name.split('.').pop().toLowerCase();
  return MEDIA_TYPES[extension] || file.type || 'application/octet-stream';
}

// The file's bytes as base64, as the JSON mapping of `bytes` wants them.
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function textField(id, label, hint, attributes = {}) {
  return h('div', {class: 'field'},
    h('label', {for: id}, label),
    h('input', {id, name: id, type: 'text', autocomplete: 'off',
      'aria-describedby': hint ? `${id}-hint` : false, ...attributes}),
    hint ? h('p', {id: `${id}-hint`, class: 'help'}, hint) : null);
}

export async function render(view) {
  const analysis = h('section', {class: 'analysis', 'aria-live': 'polite'});
  let source = null;
  const form = h('form', {class: 'ingest-form'},
    h('div', {class: 'field'},
      h('label', {for: 'file'}, 'Report (PDF or plain text)'),
      h('input', {id: 'file', name: 'file', type: 'file', required: true,
        accept: '.pdf,.txt,application/pdf,text/plain'})),
    textField('symbol', 'Symbol', 'e.g. A/HRC/7/20; read from the document when empty'),
    textField('title', 'Title', 'read from the document when empty'),
    textField('date', 'Date', 'YYYY-MM-DD', {pattern: '\\d{4}-\\d{2}-\\d{2}'}),
    textField('countries', 'Countries', 'ISO3 codes separated by commas, e.g. PRK'),
    h('div', {class: 'field actions'},
      h('button', {type: 'submit'}, 'Analyze')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    replaceChildren(analysis, loading(`Analyzing ${file.name}`));
    try {
      source = {
        content: await readBase64(file),
        mediaType: mediaTypeOf(file),
        symbol: form.elements.symbol.value.trim(),
        title: form.elements.title.value.trim(),
        date: form.elements.date.value.trim(),
        countries: form.elements.countries.value.split(',')
          .map((code) => code.trim().toUpperCase()).filter((code) => code),
      };
      const response = await post('v1/documents:analyze', {source});
      showAnalysis(analysis, file.name, response.document || {}, () => store(analysis, source));
    } catch (error) {
      replaceChildren(analysis, errorBox(error));
    }
  });
  view.append(h('h1', {}, 'Ingest a report'),
    h('p', {class: 'lede'}, 'Upload a report: it is analyzed first, so you can read what was ' +
      'extracted and any warnings, and stored only when you ask. Storing needs the ' +
      'ingestor role.'),
    form, analysis);
}

function showAnalysis(area, fileName, doc, onStore) {
  const storeButton = h('button', {type: 'button', class: 'store', onclick: onStore},
    'Store this document');
  replaceChildren(area, 
    h('h2', {id: 'analysis-heading', tabindex: '-1'}, `Analysis of ${fileName}`),
    h('p', {class: 'help'}, 'Nothing is stored yet.'),
    documentSummary(doc),
    h('div', {class: 'actions'}, storeButton));
  area.querySelector('#analysis-heading').focus();
  announce(`Analysis of ${fileName} ready`);
}

async function store(area, source) {
  const status = h('div', {class: 'store-result'}, loading('Storing'));
  area.append(status);
  for (const button of area.querySelectorAll('button.store')) button.disabled = true;
  try {
    const response = await post('v1/documents:ingest', {source});
    const doc = response.document || {};
    replaceChildren(status, 
      h('h2', {id: 'stored-heading', tabindex: '-1'}, `Stored ${doc.symbol || doc.name}`),
      h('p', {}, h('a', {href: documentLink(doc.name)}, 'Open the document'),
        doc.revision ? ` (revision ${doc.revision})` : ''),
      documentSummary(doc));
    status.querySelector('#stored-heading').focus();
    announce(`Stored ${doc.symbol || doc.name}`);
  } catch (error) {
    replaceChildren(status, errorBox(error));
    for (const button of area.querySelectorAll('button.store')) button.disabled = false;
  }
}
