// Country visits on a timeline (SVG, one row per visit, each bar a link to
// the paragraph reporting it) and as a table.

import {listAll} from './api.js';
import {errorBox, h, loading, plural, replaceChildren, s} from './dom.js';
import {apiFilter, filterForm, recordTable} from './records.js';
import {recordParagraphLink} from './routes.js';

const KEYS = ['country', 'document', 'from', 'to'];
const DAY = 24 * 3600 * 1000;

function time(date) {
  const value = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(value) ? null : value;
}

// Ticks at the first of each year, or of each month when the span is short.
function ticks(start, end) {
  const result = [];
  const first = new Date(start);
  const months = (end - start) / DAY < 400;
  let date = months
    ? new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1))
    : new Date(Date.UTC(first.getUTCFullYear() + 1, 0, 1));
  while (date.getTime() <= end) {
    result.push({time: date.getTime(), label: months
      ? date.toLocaleString('en', {month: 'short', year: 'numeric', timeZone: 'UTC'})
      : String(date.getUTCFullYear())});
    date = months
      ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1))
      : new Date(Date.UTC(date.getUTCFullYear() + 1, 0, 1));
  }
  if (result.length > 12) {
    const step = Math.ceil(result.length / 12);
    return result.filter((_, i) => i % step === 0);
  }
  return result;
}

export function timeline(visits) {
  const dated = visits.map((visit) => ({visit, start: time(visit.start),
    end: time(visit.end || visit.start)}))
    .filter((row) => row.start !== null)
    .sort((a, b) => a.start - b.start);
  if (dated.length === 0) return null;
  const min = dated[0].start - 10 * DAY;
  const max = Math.max(...dated.map((row) => row.end ?? row.start)) + 10 * DAY;
  const label = 150;
  const width = 760;
  const rowHeight = 26;
  const top = 10;
  const height = top + dated.length * rowHeight + 30;
  const x = (t) => label + ((t - min) / (max - min)) * (width - label - 10);
  const axis = top + dated.length * rowHeight + 4;
  return s('svg', {
    class: 'timeline', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-labelledby': 'timeline-title',
  },
  s('title', {id: 'timeline-title'},
    `Timeline of ${dated.length} country visits, ${dated[0].visit.start} to ` +
    `${dated[dated.length - 1].visit.end || dated[dated.length - 1].visit.start}`),
  ticks(min, max).map((tick) => s('g', {class: 'tick'},
    s('line', {x1: x(tick.time), x2: x(tick.time), y1: top - 4, y2: axis}),
    s('text', {x: x(tick.time), y: axis + 16, 'text-anchor': 'middle'}, tick.label))),
  dated.map((row, i) => {
    const y = top + i * rowHeight;
    const end = row.end ?? row.start;
    const barWidth = Math.max(4, x(end + DAY) - x(row.start));
    const {visit} = row;
    const description = `${visit.country}, ${visit.start} to ${visit.end || visit.start}` +
      ` (${visit.citation})`;
    return s('a', {href: recordParagraphLink(visit), class: 'visit-bar',
      'aria-label': description},
    s('title', {}, description),
    s('text', {x: label - 8, y: y + 16, 'text-anchor': 'end', class: 'row-label'},
      `${visit.country} ${visit.start.slice(0, 4)}`),
    s('rect', {x: x(row.start), y: y + 4, width: barWidth, height: rowHeight - 10, rx: 3}));
  }));
}

const COLUMNS = [
  {label: 'Country', cell: (v) => v.country || ''},
  {label: 'From', class: 'date', cell: (v) => v.start || ''},
  {label: 'To', class: 'date', cell: (v) => v.end || ''},
  {label: 'Reported in', class: 'citation-cell', cell: (v) =>
    h('a', {href: recordParagraphLink(v)}, v.citation)},
];

export async function render(view, params, isCurrent) {
  view.append(h('h1', {}, 'Country visits'),
    h('p', {class: 'lede'}, 'Visits the reports describe, on a timeline; ' +
      'each bar opens the paragraph reporting it.'),
    filterForm('visits', params, KEYS));
  const area = h('div', {class: 'records-area'}, loading('Reading visits'));
  view.append(area);
  let visits;
  try {
    visits = await listAll('v1/visits', 'visits', apiFilter(params, KEYS), 2000);
  } catch (error) {
    replaceChildren(area, errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  if (visits.length === 0) {
    replaceChildren(area, h('p', {class: 'empty'}, 'No visit matches these filters.'));
    return;
  }
  replaceChildren(area, 
    h('figure', {class: 'chart'}, timeline(visits),
      h('figcaption', {}, plural(visits.length, 'visit'))),
    recordTable('Visits', COLUMNS, visits, 'visits'));
}
