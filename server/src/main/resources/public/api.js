// Renders /api/openapi.json as one section per route: method, path, description, parameters and
// responses. Plain DOM, no library: the document is small and its shape fixed (OpenAPI 3.1).
(async function () {
  const routes = document.getElementById('routes');
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  let doc;
  try {
    const r = await fetch('/api/openapi.json');
    doc = await r.json();
  } catch (e) {
    document.getElementById('error').textContent = 'Could not load /api/openapi.json: ' + e;
    return;
  }
  const shared = (doc.components && doc.components.parameters) || {};
  const resolve = (p) => (p.$ref ? shared[p.$ref.split('/').pop()] : p);
  let count = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const section = el('section');
      section.className = 'route';
      const h = el('h2');
      h.append(el('span', method.toUpperCase(), 'method ' + method), el('code', path));
      section.append(h, el('p', op.description || op.summary || ''));
      const params = (op.parameters || []).map(resolve);
      if (params.length) {
        const t = el('table');
        const head = el('tr');
        ['parameter', 'in', 'type', 'default', 'description'].forEach((c) => head.append(el('th', c)));
        t.append(head);
        for (const p of params) {
          const s = p.schema || {};
          const type = s.enum ? s.enum.join(' | ') : (s.type || '') + (s.maximum !== undefined ? ' ≤ ' + s.maximum : '');
          const row = el('tr');
          [p.name, p.in, type, s.default === undefined ? '' : String(s.default), p.description || ''].forEach((c) => row.append(el('td', c)));
          t.append(row);
        }
        section.append(t);
      }
      const codes = Object.entries(op.responses || {}).map(([code, r]) => code + ' ' + r.description);
      section.append(el('p', 'Responses: ' + codes.join('; ')));
      routes.append(section);
      count++;
    }
  }
  routes.dataset.routes = String(count);
})();
