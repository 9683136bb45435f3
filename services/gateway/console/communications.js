// Communications to governments and whether they replied.

import {get} from './api.js';
import {count, errorBox, h, loading, plural, replaceChildren} from './dom.js';
import {replyLabel} from './labels.js';
import {apiFilter, filterForm, pagingNav, recordTable} from './records.js';
import {recordParagraphLink} from './routes.js';

const KEYS = ['country', 'document', 'from', 'to'];

const COLUMNS = [
  {label: 'Citation', class: 'citation-cell', cell: (c) =>
    h('a', {href: recordParagraphLink(c)}, c.citation)},
  {label: 'Sent', class: 'date', cell: (c) => c.sent || ''},
  {label: 'Recipient', cell: (c) => c.recipient || ''},
  {label: 'Summary', class: 'text', cell: (c) => c.summary || ''},
  {label: 'Reply', cell: (c) => h('span', {
    class: `reply reply-${String(c.reply || 'REPLY_UNSPECIFIED').toLowerCase()}`,
  }, replyLabel(c.reply))},
];

export async function render(view, params, isCurrent) {
  view.append(h('h1', {}, 'Communications'),
    h('p', {class: 'lede'}, 'Communications sent to governments, and whether they replied.'),
    filterForm('communications', params, KEYS));
  const area = h('div', {class: 'records-area'}, loading('Reading communications'));
  view.append(area);
  let response;
  try {
    response = await get('v1/communications', {...apiFilter(params, KEYS),
      pageSize: 50, pageToken: params.get('page') || ''});
  } catch (error) {
    replaceChildren(area, errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  const records = response.communications || [];
  const unanswered = records.filter((c) => c.reply === 'REPLY_NONE').length;
  replaceChildren(area, 
    records.length === 0 ? h('p', {class: 'empty'}, 'No communication matches these filters.')
      : [h('p', {class: 'tally'}, `${plural(records.length, 'communication')} on this page, `,
        h('strong', {}, `${count(unanswered)} without a reply`), '.'),
      recordTable('Communications and replies', COLUMNS, records, 'communications')],
    pagingNav('communications', params, response.nextPageToken));
}
