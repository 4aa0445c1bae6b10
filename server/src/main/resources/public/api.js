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
  const schemas = (doc.components && doc.components.schemas) || {};
  const schemaOf = (s) => (s && s.$ref ? schemas[s.$ref.split('/').pop()] : s);
  const typeOf = (s) => {
    s = schemaOf(s) || {};
    const t = Array.isArray(s.type) ? s.type.join(' | ') : s.type || '';
    return t === 'array' && s.items ? typeOf(s.items) + '[]' : t;
  };
  // The success answer's top-level fields as "name: type" (a ? after an optional one), from its JSON schema.
  const answerFields = (op) => {
    const ok = Object.entries(op.responses || {}).find(([code]) => code.startsWith('2'));
    const json = ok && ok[1].content && ok[1].content['application/json'];
    const s = schemaOf(json && json.schema);
    if (!s || !s.properties) return '';
    const required = new Set(s.required || []);
    return Object.entries(s.properties).map(([name, p]) => name + (required.has(name) ? '' : '?') + ': ' + typeOf(p)).join(', ');
  };
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
      const answer = answerFields(op);
      if (answer) section.append(el('p', 'Answer: ' + answer, 'fields'));
      routes.append(section);
      count++;
    }
  }
  routes.dataset.routes = String(count);
})();
