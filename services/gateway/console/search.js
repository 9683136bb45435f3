// The search page: a question in plain words or the query language, facets
// with their counts as filters, ranked paragraphs with highlighted
// snippets and their citations, and paging.

import {get, streamSearch} from './api.js';
import {toCsv} from './csv.js';
import {
  announce, count, download, errorBox, h, loading, markedSnippet, plural, replaceChildren,
} from './dom.js';
import {go, paragraphLink, searchLink} from './routes.js';
import {facetLabel, facetValueLabel} from './labels.js';

const FACETS = ['country', 'theme', 'year', 'document', 'kind', 'addressee'];
const PAGE_SIZE = 10;

const EXAMPLES = [
  'what happens to people sent back from China',
  '"public executions"',
  'food AND (shortage OR famine)',
  'abduct* -japan',
  'addressee:"international community"',
  'torture country:PRK year:2007..2008',
];

// The query-language filter a facet value stands for: `country:PRK`,
// `document:a-hrc-7-20`, `addressee:"international community"`.
export function facetFilter(field, value) {
  let text = String(value);
  if (field === 'document') text = text.replace(/^documents\//, '');
  if (!/^[A-Za-z0-9._\/-]+$/.test(text)) text = `"${text.replace(/"/g, '')}"`;
  return `${field}:${text}`;
}

// The query with a filter added, or removed when it is already there.
function toggleFilter(query, filter) {
  const words = query.split(/\s+/).filter((word) => word);
  if (words.includes(filter)) {
    return {query: words.filter((word) => word !== filter).join(' '), active: true};
  }
  // A quoted value holds spaces: compare on the whole query then.
  if (query.includes(filter)) {
    return {query: query.replace(filter, '').replace(/\s+/g, ' ').trim(), active: true};
  }
  return {query: `${query.trim()} ${filter}`, active: false};
}

function searchForm(params) {
  const q = params.get('q') || '';
  const input = h('input', {
    id: 'q', name: 'q', type: 'search', value: q, autocomplete: 'off',
    'aria-describedby': 'q-help', spellcheck: 'false',
  });
  const allWords = h('input', {
    id: 'all-words', type: 'checkbox', checked: params.get('all') === '1',
  });
  const language = h('input', {
    id: 'language', type: 'text', size: 6, value: params.get('lang') || '',
    placeholder: 'en', 'aria-describedby': 'language-help',
  });
  const form = h('form', {
    class: 'search-form', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      go('search', {
        q: input.value.trim(), all: allWords.checked ? '1' : '',
        lang: language.value.trim(),
      });
    },
  },
  h('label', {for: 'q', class: 'search-label'}, 'Search the reports'),
  h('div', {class: 'search-row'}, input, h('button', {type: 'submit'}, 'Search')),
  h('p', {id: 'q-help', class: 'help'},
    'Ask in plain words, or use the query language: "a phrase", AND, OR, ',
    '-word, prefix*, and filters such as country:PRK, theme:food, ',
    'year:2007..2008, kind:recommendation.'),
  h('div', {class: 'search-options'},
    h('span', {class: 'option'}, allWords,
      h('label', {for: 'all-words'}, 'Every word must match')),
    h('span', {class: 'option'},
      h('label', {for: 'language'}, 'Language of the words'), ' ', language,
      h('span', {id: 'language-help', class: 'sr-only'},
        'A language code such as fr or es; English when empty'))));
  return form;
}

function intro() {
  return h('section', {class: 'intro', 'aria-labelledby': 'examples-heading'},
    h('h2', {id: 'examples-heading'}, 'Questions to start with'),
    h('ul', {class: 'examples'},
      EXAMPLES.map((example) => h('li', {},
        h('a', {href: searchLink(example)}, h('code', {}, example))))));
}

// A facet's first values, then the others behind a "more" disclosure; a
// value already filtered on stays in view.
const FACET_SHOWN = 8;

function facetList(q, facet, symbols, baseParams) {
  const buckets = facet.buckets || [];
  if (buckets.length === 0) return null;
  const headingId = `facet-${facet.field}`;
  const items = buckets.map((bucket, index) => {
    const filter = facetFilter(facet.field, bucket.value);
    const toggled = toggleFilter(q, filter);
    const label = facetValueLabel(facet.field, bucket.value, symbols);
    const item = h('li', {},
      h('a', {
        href: searchLink(toggled.query, baseParams),
        class: toggled.active ? 'facet-value active' : 'facet-value',
        'aria-current': toggled.active ? 'true' : false,
        title: toggled.active ? `Remove the filter ${filter}` : `Narrow to ${filter}`,
        dataset: {field: facet.field, value: bucket.value},
      },
      h('span', {class: 'facet-name'}, toggled.active ? `✓ ${label}` : label),
      h('span', {class: 'facet-count'}, count(bucket.count),
        h('span', {class: 'sr-only'}, ' paragraphs'))));
    return {item, shown: index < FACET_SHOWN || toggled.active};
  });
  const rest = items.filter((entry) => !entry.shown).map((entry) => entry.item);
  return h('section', {class: 'facet', 'aria-labelledby': headingId},
    h('h3', {id: headingId}, facetLabel(facet.field)),
    h('ul', {}, items.filter((entry) => entry.shown).map((entry) => entry.item)),
    rest.length ? h('details', {class: 'facet-more'},
      h('summary', {}, `${rest.length} more`), h('ul', {}, rest)) : null);
}

const CSV_COLUMNS = [
  {header: 'citation', value: (hit) => hit.citation},
  {header: 'symbol', value: (hit) => hit.symbol},
  {header: 'paragraph', value: (hit) => hit.paragraphNumber || ''},
  {header: 'date', value: (hit) => hit.date},
  {header: 'section', value: (hit) => hit.section},
  {header: 'score', value: (hit) => hit.score},
  {header: 'snippet', value: (hit) => String(hit.snippet || '').replace(/\*\*/g, '')},
  {header: 'name', value: (hit) => hit.paragraph},
];

// Every hit of the search (not only this page), streamed, as a CSV file.
function exportButton(searchParams) {
  const status = h('span', {class: 'export-status', role: 'status'});
  const button = h('button', {
    type: 'button', class: 'export',
    onclick: async () => {
      button.disabled = true;
      status.textContent = 'Reading every hit…';
      const hits = [];
      try {
        await streamSearch(searchParams, (hit) => hits.push(hit));
        download('search.csv', toCsv(CSV_COLUMNS, hits));
        status.textContent = `${plural(hits.length, 'hit')} exported`;
      } catch (error) {
        replaceChildren(status, errorBox(error));
      } finally {
        button.disabled = false;
        announce(status.textContent);
      }
    },
  }, 'Export every hit (CSV)');
  return h('div', {class: 'export-bar'}, button, status);
}

function hitItem(hit) {
  const meta = [hit.title, hit.date].filter((part) => part).join(' · ');
  return h('li', {class: 'hit'},
    h('h3', {class: 'hit-citation'},
      h('a', {href: paragraphLink(hit.paragraph), class: 'citation'}, hit.citation)),
    meta ? h('p', {class: 'hit-meta'}, meta) : null,
    hit.section ? h('p', {class: 'hit-section'}, hit.section) : null,
    h('p', {class: 'snippet'}, markedSnippet(hit.snippet)));
}

export async function render(view, params, isCurrent) {
  const q = (params.get('q') || '').trim();
  view.append(h('h1', {class: q ? 'sr-only' : ''}, 'Search'), searchForm(params));
  if (!q) {
    view.append(intro());
    return;
  }
  const pageToken = params.get('page') || '';
  const from = Number(params.get('from') || 0);
  const baseParams = {all: params.get('all'), lang: params.get('lang')};
  const results = h('div', {class: 'results-area'}, loading('Searching'));
  view.append(results);
  let response;
  try {
    response = await get('v1/search', {
      query: q, pageSize: PAGE_SIZE, pageToken, facets: FACETS,
      allWords: params.get('all') === '1', language: params.get('lang') || '',
    });
  } catch (error) {
    replaceChildren(results, errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  const hits = response.hits || [];
  const total = Number(response.totalSize || 0);
  const symbols = new Map(hits.map((hit) => [hit.document, hit.symbol]));
  const totalText = `${response.totalSizeIsLowerBound ? 'at least ' : ''}${count(total)}` +
    ` paragraph${total === 1 ? '' : 's'}`;
  const summary = h('h2', {id: 'results-heading', class: 'results-heading', tabindex: '-1'},
    hits.length === 0 ? 'No paragraph matches' :
      `${count(from + 1)}–${count(from + hits.length)} of ${totalText}`);
  summary.dataset.total = String(total);
  const paging = h('nav', {class: 'paging', 'aria-label': 'Result pages'},
    pageToken ? h('a', {href: searchLink(q, baseParams)}, '« First page') : null,
    response.nextPageToken ? h('a', {
      href: searchLink(q, {...baseParams, page: response.nextPageToken,
        from: from + hits.length}),
      rel: 'next',
    }, 'Next page »') : null);
  const unavailable = (response.unavailableShards || []).length > 0
    ? h('p', {class: 'warning', role: 'status'},
      'Some storage shards did not answer; their paragraphs are missing: ',
      response.unavailableShards.join('; '))
    : null;
  replaceChildren(results, 
    h('div', {class: 'results-layout'},
      h('aside', {class: 'facets', 'aria-label': 'Filters'},
        h('h2', {class: 'facets-heading'}, 'Filter by'),
        (response.facets || []).map((facet) => facetList(q, facet, symbols, baseParams))),
      h('section', {class: 'results', 'aria-labelledby': 'results-heading'},
        summary, unavailable,
        h('ol', {class: 'hits', start: from + 1}, hits.map(hitItem)),
        paging,
        hits.length ? exportButton({query: q, allWords: params.get('all') === '1',
          language: params.get('lang') || ''}) : null)));
}
