// Hash routes: `#/page?key=value&key=value`. Pages read their parameters
// from here and make links with link(), so every state worth keeping is in
// the URL.

export function route() {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const question = hash.indexOf('?');
  const page = (question < 0 ? hash : hash.slice(0, question)) || 'search';
  const params = new URLSearchParams(question < 0 ? '' : hash.slice(question + 1));
  return {page, params};
}

// '#/search?q=food' of link('search', {q: 'food'}); empty values are left
// out.
export function link(page, params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      search.append(key, String(value));
    }
  }
  const query = search.toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

// Goes to a route; the hashchange listener renders it.
export function go(page, params) {
  window.location.hash = link(page, params);
}

// The paragraph view of a paragraph name.
export function paragraphLink(name) {
  return link('paragraph', {name});
}

// The paragraph view of a record (recommendation, visit...): by the
// paragraph's name when it is numbered, else by the record's citation.
export function recordParagraphLink(record) {
  if (record.paragraph > 0 && record.name) {
    const document = record.name.split('/').slice(0, 2).join('/');
    return paragraphLink(`${document}/paragraphs/${record.paragraph}`);
  }
  return link('paragraph', {citation: record.citation});
}

export function documentLink(name) {
  return link('document', {name});
}

export function searchLink(q, extra = {}) {
  return link('search', {q, ...extra});
}
