/**
 * A small XML 1.0 well-formedness checker for the JUnit output (no dependency): one root, every
 * tag closed in order, attributes quoted and unique, only the five predefined entities or
 * character references. Returns the element tree (name, attributes, children, text).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*$/;

function decode(text: string, at: number): string {
  return text.replace(/&([^;]*);/g, (whole, ref: string) => {
    if (ref === 'amp') return '&';
    if (ref === 'lt') return '<';
    if (ref === 'gt') return '>';
    if (ref === 'quot') return '"';
    if (ref === 'apos') return "'";
    if (/^#\d+$/.test(ref)) return String.fromCodePoint(Number(ref.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(ref)) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    throw new Error(`unknown entity ${whole} near offset ${at}`);
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  if (source.startsWith('<?xml')) i = source.indexOf('?>') + 2;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    if (text.includes('&') && /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & near offset ${i}`);
    if (stack.length) stack[stack.length - 1]!.text += decode(text, i);
    else if (text.trim() !== '') throw new Error(`text outside the root near offset ${i}`);
    if (lt === -1) break;
    if (source.startsWith('<!--', lt)) {
      i = source.indexOf('-->', lt) + 3;
      continue;
    }
    const gt = source.indexOf('>', lt);
    if (gt === -1) throw new Error(`unclosed tag at offset ${lt}`);
    const body = source.slice(lt + 1, gt);
    if (body.includes('<')) throw new Error(`< inside a tag at offset ${lt}`);
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}> at offset ${lt}`);
      if (stack.length === 0) root = open;
    } else {
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const name = inner.split(/\s/, 1)[0]!;
      if (!NAME.test(name)) throw new Error(`bad tag name "${name}" at offset ${lt}`);
      const attributes: Record<string, string> = {};
      const rest = inner.slice(name.length);
      const attr = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/gy;
      let consumed = 0;
      for (let m = attr.exec(rest); m; m = attr.exec(rest)) {
        if (m[1]! in attributes) throw new Error(`duplicate attribute ${m[1]} at offset ${lt}`);
        attributes[m[1]!] = decode(m[2]!, lt);
        consumed = attr.lastIndex;
      }
      if (rest.slice(consumed).trim() !== '') throw new Error(`malformed attributes in <${name}> at offset ${lt}`);
      const element: XmlElement = { name, attributes, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(element);
      else if (root) throw new Error('a second root element');
      if (selfClosing) {
        if (!stack.length) root = element;
      } else stack.push(element);
    }
    i = gt + 1;
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
