// Recommendations of every document as a table, filtered by addressee,
// recommending State, theme, document, years and (Universal Periodic
// Review) response, with a CSV export of every match.

import {get, listAll} from './api.js';
import {
  announce, download, errorBox, h, loading, plural, replaceChildren,
} from './dom.js';
import {toCsv} from './csv.js';
import {responseLabel, themeLabel} from './labels.js';
import {apiFilter, filterForm, pagingNav, recordTable} from './records.js';
import {recordParagraphLink, searchLink} from './routes.js';

const KEYS = ['addressee', 'by', 'theme', 'document', 'from', 'to', 'response'];
const PAGE_SIZE = 50;

function itemCitation(recommendation) {
  return recommendation.item
    ? `${recommendation.citation} (${recommendation.item})` : recommendation.citation;
}

const COLUMNS = [
  {label: 'Citation', class: 'citation-cell', cell: (r) =>
    h('a', {href: recordParagraphLink(r)}, itemCitation(r))},
  {label: 'Addressee', class: 'addressee', cell: (r) => r.addressee || ''},
  {label: 'Recommended by', cell: (r) => (r.recommendedBy || []).join(', ')},
  {label: 'Recommendation', class: 'text', cell: (r) => r.text || ''},
  {label: 'Themes', cell: (r) => (r.themes || []).map((theme, i) => [i ? ', ' : '',
    h('a', {href: searchLink(`theme:${theme} kind:recommendation`)}, themeLabel(theme))])},
  {label: 'Response', cell: (r) => responseLabel(r.response)},
];

const CSV_COLUMNS = [
  {header: 'citation', value: (r) => r.citation},
  {header: 'item', value: (r) => r.item || ''},
  {header: 'addressee', value: (r) => r.addressee},
  {header: 'recommended_by', value: (r) => r.recommendedBy || []},
  {header: 'themes', value: (r) => r.themes || []},
  {header: 'response', value: (r) => responseLabel(r.response)},
  {header: 'text', value: (r) => r.text},
  {header: 'name', value: (r) => r.name},
];

function exportButton(filter) {
  const status = h('span', {class: 'export-status', role: 'status'});
  const button = h('button', {
    type: 'button', class: 'export',
    onclick: async () => {
      button.disabled = true;
      status.textContent = 'Reading every matching recommendation…';
      try {
        const all = await listAll('v1/recommendations', 'recommendations', filter);
        download('recommendations.csv', toCsv(CSV_COLUMNS, all));
        status.textContent = `${plural(all.length, 'recommendation')} exported`;
      } catch (error) {
        replaceChildren(status, errorBox(error));
      } finally {
        button.disabled = false;
        announce(status.textContent);
      }
    },
  }, 'Export CSV');
  return h('div', {class: 'export-bar'}, button, status);
}

export async function render(view, params, isCurrent) {
  view.append(h('h1', {}, 'Recommendations'),
    h('p', {class: 'lede'}, 'Every recommendation the reports make, in document order, ' +
      'each linked to its paragraph.'),
    filterForm('recommendations', params, KEYS));
  const filter = apiFilter(params, KEYS);
  const area = h('div', {class: 'records-area'}, loading('Reading recommendations'));
  view.append(area);
  let response;
  try {
    response = await get('v1/recommendations',
      {...filter, pageSize: PAGE_SIZE, pageToken: params.get('page') || ''});
  } catch (error) {
    replaceChildren(area, errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  const records = response.recommendations || [];
  replaceChildren(area, 
    exportButton(filter),
    records.length === 0 ? h('p', {class: 'empty'}, 'No recommendation matches these filters.')
      : recordTable(`${plural(records.length, 'recommendation')} on this page`, COLUMNS,
        records, 'recommendations'),
    pagingNav('recommendations', params, response.nextPageToken));
}
