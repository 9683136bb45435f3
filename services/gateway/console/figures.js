// Figures the reports state (value, unit, what, when) as a chart over
// their periods, one subject at a time: each point is a link to the
// paragraph stating it. Figures without a period are listed only.

import {listAll} from './api.js';
import {count, errorBox, h, loading, plural, replaceChildren, s} from './dom.js';
import {apiFilter, filterForm, recordTable} from './records.js';
import {go, recordParagraphLink} from './routes.js';

const KEYS = ['document', 'country', 'from', 'to'];

// The years a period spans: "2005-2006" is 2005 to 2006, "2007" and
// "2007-12-15" are 2007; null without a year.
export function periodYears(period) {
  const years = (String(period || '').match(/(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g) || [])
    .map(Number);
  if (years.length === 0) return null;
  return {start: Math.min(...years), end: Math.max(...years)};
}

function seriesKey(figure) {
  return `${figure.subject || ''}|${figure.unit || ''}`;
}

function seriesLabel(figure) {
  return figure.unit ? `${figure.subject} (${figure.unit})` : figure.subject;
}

// Subjects with their figures, those with the most dated figures first.
function seriesOf(figures) {
  const series = new Map();
  for (const figure of figures) {
    if (!figure.subject) continue;
    const key = seriesKey(figure);
    if (!series.has(key)) series.set(key, {key, label: seriesLabel(figure), figures: [], dated: 0});
    const entry = series.get(key);
    entry.figures.push(figure);
    if (periodYears(figure.period)) entry.dated += 1;
  }
  return [...series.values()].sort((a, b) =>
    b.dated - a.dated || b.figures.length - a.figures.length || a.label.localeCompare(b.label));
}

function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

function compact(value) {
  return Number(value).toLocaleString('en', {notation: 'compact', maximumFractionDigits: 2});
}

function full(figure) {
  return `${Number(figure.value).toLocaleString('en')}${figure.unit ? ` ${figure.unit}` : ''}`;
}

export function chart(entry) {
  const points = entry.figures.map((figure) => ({figure, years: periodYears(figure.period)}))
    .filter((point) => point.years && Number.isFinite(Number(point.figure.value)));
  if (points.length === 0) return null;
  const first = Math.min(...points.map((p) => p.years.start));
  const last = Math.max(...points.map((p) => p.years.end)) + 1;
  const domainStart = first - (last - first < 4 ? 1 : 0);
  const domainEnd = last + (last - first < 4 ? 1 : 0);
  const top = niceMax(Math.max(...points.map((p) => Number(p.figure.value))));
  const width = 760;
  const height = 320;
  const left = 70;
  const right = 20;
  const topMargin = 20;
  const bottom = 40;
  const x = (year) => left + ((year - domainStart) / (domainEnd - domainStart)) *
    (width - left - right);
  const y = (value) => topMargin + (1 - value / top) * (height - topMargin - bottom);
  const yearStep = Math.max(1, Math.ceil((domainEnd - domainStart) / 12));
  const yearTicks = [];
  for (let year = domainStart; year < domainEnd; year += yearStep) yearTicks.push(year);
  const valueTicks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * top);
  const placed = points.map((point) => ({...point,
    cx: x((point.years.start + point.years.end + 1) / 2),
    cy: y(Number(point.figure.value))}))
    .sort((a, b) => a.cx - b.cx);
  return s('svg', {class: 'figure-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-labelledby': 'figure-chart-title'},
  s('title', {id: 'figure-chart-title'}, `${entry.label}: ${points.length} figures over time`),
  valueTicks.map((value) => s('g', {class: 'tick'},
    s('line', {x1: left, x2: width - right, y1: y(value), y2: y(value)}),
    s('text', {x: left - 8, y: y(value) + 4, 'text-anchor': 'end'}, compact(value)))),
  // A year spans [year, year + 1): ticks at its start, its label in it.
  yearTicks.map((year) => s('g', {class: 'tick year'},
    s('line', {x1: x(year), x2: x(year), y1: height - bottom, y2: height - bottom + 5}),
    s('text', {x: x(year + Math.min(yearStep, domainEnd - year) / 2), y: height - bottom + 20,
      'text-anchor': 'middle'}, String(year)))),
  s('line', {class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom}),
  placed.length > 1 ? s('polyline', {class: 'trend',
    points: placed.map((p) => `${p.cx},${p.cy}`).join(' ')}) : null,
  placed.map((point) => {
    const {figure, years} = point;
    const description = `${full(figure)}, ${figure.period}: “${figure.sourceText || ''}” ` +
      `(${figure.citation})`;
    return s('a', {href: recordParagraphLink(figure), class: 'figure-point',
      'aria-label': description},
    s('title', {}, description),
    s('line', {class: 'period', x1: x(years.start), x2: x(years.end + 1),
      y1: point.cy, y2: point.cy}),
    s('circle', {cx: point.cx, cy: point.cy, r: 6}),
    s('text', {x: point.cx + 9, y: point.cy - 9, class: 'point-label'},
      compact(figure.value)));
  }));
}

const COLUMNS = [
  {label: 'Value', class: 'number', cell: (f) => full(f)},
  {label: 'Period', class: 'date', cell: (f) => f.period || '—'},
  {label: 'As written', cell: (f) => f.sourceText || ''},
  {label: 'Stated in', class: 'citation-cell', cell: (f) =>
    h('a', {href: recordParagraphLink(f)}, f.citation)},
];

function subjectPicker(params, series, selected) {
  const select = h('select', {id: 'subject', name: 'subject',
    onchange: () => go('figures', {...Object.fromEntries(params.entries()),
      subject: select.value})},
  series.map((entry) => h('option', {value: entry.key, selected: entry === selected},
    `${entry.label} — ${count(entry.figures.length)}`)));
  return h('div', {class: 'field subject-field'},
    h('label', {for: 'subject'}, 'What is counted'), select);
}

export async function render(view, params, isCurrent) {
  view.append(h('h1', {}, 'Figures'),
    h('p', {class: 'lede'}, 'Numbers the reports state, over the periods they ' +
      'concern; each point opens the paragraph stating it.'),
    filterForm('figures', params, KEYS, ['subject']));
  const area = h('div', {class: 'records-area'}, loading('Reading figures'));
  view.append(area);
  let figures;
  try {
    figures = await listAll('v1/figures', 'figures', apiFilter(params, KEYS), 20000);
  } catch (error) {
    replaceChildren(area, errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  const series = seriesOf(figures);
  if (series.length === 0) {
    replaceChildren(area, h('p', {class: 'empty'}, 'No figure matches these filters.'));
    return;
  }
  const wanted = params.get('subject');
  const selected = series.find((entry) => entry.key === wanted) || series[0];
  const drawn = chart(selected);
  replaceChildren(area, 
    subjectPicker(params, series, selected),
    h('figure', {class: 'chart'},
      drawn || h('p', {class: 'empty'}, 'None of these figures names its period.'),
      h('figcaption', {}, `${selected.label}: ${plural(selected.figures.length, 'figure')}`)),
    recordTable(`Figures on ${selected.label}`, COLUMNS, selected.figures, 'figures'));
}
