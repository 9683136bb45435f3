// What the record pages (recommendations, communications, visits,
// figures) share: the filter form, kept in the URL, and its translation to
// the List calls' `filter.*` parameters (RecordFilter).

import {documentIdFromSymbol} from './api.js';
import {h} from './dom.js';
import {go, link} from './routes.js';
import {RESPONSES} from './labels.js';

// Each filter: its URL parameter, its RecordFilter field, its label, a
// hint, and how it is typed.
export const FILTERS = {
  addressee: {api: 'filter.addressee', label: 'Addressee',
    hint: 'ISO3 code or body, e.g. PRK, international community'},
  by: {api: 'filter.recommendedBy', label: 'Recommended by', hint: 'ISO3, e.g. FRA'},
  country: {api: 'filter.country', label: 'Country', hint: 'ISO3, e.g. PRK'},
  theme: {api: 'filter.theme', label: 'Theme', hint: 'e.g. refugees, food'},
  document: {api: 'filter.document', label: 'Document', hint: 'symbol or name, e.g. A/HRC/7/20'},
  from: {api: 'filter.startYear', label: 'From year', type: 'number'},
  to: {api: 'filter.endYear', label: 'To year', type: 'number'},
  response: {api: 'filter.response', label: 'Response (UPR)', type: 'response'},
};

// A document filter as RecordFilter.document wants it, `documents/{id}`:
// a name is kept, an id prefixed, and a symbol typed by the reader turned
// into its id the way the services derive ids.
function documentName(value) {
  if (value.startsWith('documents/')) return value;
  if (/^[a-z0-9-]+$/.test(value)) return `documents/${value}`;
  return `documents/${documentIdFromSymbol(value)}`;
}

// The List call's parameters of the filters in the URL.
export function apiFilter(params, keys) {
  const result = {};
  for (const key of keys) {
    const value = (params.get(key) || '').trim();
    if (!value) continue;
    const filter = FILTERS[key];
    if (key === 'document') {
      result[filter.api] = documentName(value);
    } else if (key === 'response') {
      result[filter.api] = `RECOMMENDATION_RESPONSE_${value.toUpperCase()}`;
    } else {
      result[filter.api] = value;
    }
  }
  return result;
}

function field(key, params) {
  const filter = FILTERS[key];
  const id = `filter-${key}`;
  const value = params.get(key) || '';
  let control;
  if (filter.type === 'response') {
    control = h('select', {id, name: key},
      h('option', {value: ''}, 'any'),
      RESPONSES.map((response) => h('option', {
        value: response.toLowerCase(), selected: value === response.toLowerCase(),
      }, response.toLowerCase().replace(/_/g, ' '))));
  } else {
    control = h('input', {
      id, name: key, value, type: filter.type === 'number' ? 'number' : 'text',
      placeholder: filter.hint || '', min: filter.type === 'number' ? 1900 : false,
      max: filter.type === 'number' ? 2100 : false, autocomplete: 'off',
      class: filter.type === 'number' ? 'year' : false,
    });
  }
  return h('div', {class: 'field'}, h('label', {for: id}, filter.label), control);
}

// The filter form of a record page: submitting it changes the URL, which
// renders the page again with the filters applied. `keep` lists URL
// parameters of the page (such as the figures' subject) kept as they are.
export function filterForm(page, params, keys, keep = []) {
  const form = h('form', {
    class: 'filters', 'aria-label': 'Filters',
    onsubmit: (event) => {
      event.preventDefault();
      const values = {};
      for (const key of keys) values[key] = form.elements[key].value.trim();
      for (const key of keep) values[key] = params.get(key) || '';
      go(page, values);
    },
  },
  keys.map((key) => field(key, params)),
  h('div', {class: 'field actions'},
    h('button', {type: 'submit'}, 'Apply filters'),
    keys.some((key) => params.get(key))
      ? h('a', {href: link(page), class: 'clear-filters'}, 'Clear') : null));
  return form;
}

// "Next page" of a record page: the same filters and the next token.
export function pagingNav(page, params, nextPageToken) {
  const values = Object.fromEntries(params.entries());
  const first = params.get('page')
    ? h('a', {href: link(page, {...values, page: ''})}, '« First page') : null;
  const next = nextPageToken
    ? h('a', {href: link(page, {...values, page: nextPageToken}), rel: 'next'}, 'Next page »')
    : null;
  if (!first && !next) return null;
  return h('nav', {class: 'paging', 'aria-label': 'Pages'}, first, next);
}

// A table with a caption, headings and one row per record.
export function recordTable(caption, columns, records, className = '') {
  return h('div', {class: 'table-wrap'},
    h('table', {class: `records ${className}`},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {},
        columns.map((column) => h('th', {scope: 'col', class: column.class || false},
          column.label)))),
      h('tbody', {}, records.map((record) => h('tr', {},
        columns.map((column) => h('td', {class: column.class || false},
          column.cell(record))))))));
}
