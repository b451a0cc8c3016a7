/**
 * The GeoReport v2 XML shapes are flat lists of records (`<services><service>…`),
 * so a small writer of elements is all the format needs; no XML library.
 */
export type XmlScalar = string | number | boolean | null | undefined;
export type XmlValue = XmlScalar | XmlRecord | XmlValue[];
export interface XmlRecord {
  [tag: string]: XmlValue;
}

// XML 1.0 forbids most control characters even when escaped; user text may carry them.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One element; an array repeats its items under `itemTag`, by default the singular of its own tag (attributes → attribute). */
export function xmlElement(tag: string, value: XmlValue, itemTag?: string): string {
  if (value === null || value === undefined || value === '') return `<${tag}/>`;
  if (Array.isArray(value)) {
    const inner = value.map((item) => xmlElement(itemTag ?? singular(tag), item)).join('');
    return inner ? `<${tag}>${inner}</${tag}>` : `<${tag}/>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => xmlElement(k, v))
      .join('');
    return `<${tag}>${inner}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

function singular(tag: string): string {
  return tag.endsWith('s') ? tag.slice(0, -1) : `${tag}_item`;
}

/** A whole document: the XML declaration the standard asks for, then the root holding the items. */
export function xmlDocument(root: string, itemTag: string, items: readonly XmlRecord[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, [...items], itemTag)}`;
}

/** A document whose root is one record (a service definition, the discovery file). */
export function xmlSingle(root: string, record: XmlRecord): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, record)}`;
}
