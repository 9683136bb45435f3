// How the console names fields and enum values for people.

const FACET_LABELS = {
  country: 'Country', theme: 'Theme', year: 'Year', document: 'Document',
  kind: 'Kind', addressee: 'Addressee',
};

export function facetLabel(field) {
  return FACET_LABELS[field] || field;
}

// A facet value as shown: a document by its symbol when a hit names it,
// a theme id with spaces.
export function facetValueLabel(field, value, symbols = new Map()) {
  if (field === 'document') {
    return symbols.get(value) || String(value).replace(/^documents\//, '');
  }
  if (field === 'theme') return String(value).replace(/-/g, ' ');
  return String(value);
}

const REPLIES = {
  REPLY_NONE: 'No reply',
  REPLY_RECEIVED: 'Reply received',
  REPLY_UNKNOWN: 'Not known',
  REPLY_UNSPECIFIED: 'Not known',
};

export function replyLabel(reply) {
  return REPLIES[reply || 'REPLY_UNSPECIFIED'] || String(reply);
}

// RECOMMENDATION_RESPONSE_TO_BE_EXAMINED -> "to be examined"; empty when
// unspecified (the proto JSON mapping leaves defaults out).
export function responseLabel(response) {
  if (!response || response === 'RECOMMENDATION_RESPONSE_UNSPECIFIED') return '';
  return String(response).replace(/^RECOMMENDATION_RESPONSE_/, '')
    .toLowerCase().replace(/_/g, ' ');
}

export const RESPONSES = ['SUPPORTED', 'NOTED', 'REJECTED', 'TO_BE_EXAMINED'];

export function themeLabel(theme) {
  return String(theme).replace(/-/g, ' ');
}
