// DOM building without markup strings: every piece of text goes in through textContent or a text node, so data
// from the server (model names, emails, error messages) is never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * el('button', {class: 'btn', text: 'Save', on: {click: save}, title: 'Save the route'}, child, 'text', ...)
 * Attributes are set with setAttribute, except text (textContent), class, dataset and on (listeners).
 * Inline handlers and style attributes are refused: the page's Content-Security-Policy would block them anyway.
 */
export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** The same for SVG elements (charts). */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (name.startsWith('on') || name === 'style' || name === 'srcdoc') throw new Error(`refusing attribute ${name}`);
    else if (name === 'href' || name === 'src') node.setAttribute(name, safeUrl(value));
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children: nodes as they are, strings and numbers as text nodes, arrays flattened, null skipped. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Only same-origin paths and http(s) addresses may become links. */
export function safeUrl(value) {
  const url = new URL(String(value), location.origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`refusing link to ${url.protocol}`);
  return url.href;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no element #${id}`);
  return node;
}
