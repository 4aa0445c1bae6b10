// The report page's charts, drawn with ECharts (SVG renderer, so the drawing is in the DOM).
// Every chart container ends in one of three states, which tests read:
//   data-state="drawn"  data-points = number of data items drawn (points, peaks, cells)
//   data-state="empty"  data-points = 0, and the reason as its text (e.g. no planted truth)
//   data-state="error"  data-points = 0, and the failure as its text
// Animation is off: the picture is final as soon as setOption returns.
const Charts = (() => {
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#393b79', '#ad494a', '#637939'];
  const UNCOVERED = '#cfcfcf';
  const OTHER = '#7f7f7f';
  const esc = (s) => echarts.format.encodeHTML(String(s));
  const short = (s, n = 18) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

  function draw(el, option, points) {
    let chart = echarts.getInstanceByDom(el);
    if (!chart) {
      el.textContent = '';
      el.dataset.state = 'drawn'; // before init: the empty state's CSS height would size the chart
      chart = echarts.init(el, null, { renderer: 'svg' });
    }
    el.dataset.state = 'drawn';
    chart.setOption(Object.assign({ animation: false }, option), true);
    el.dataset.points = String(points);
  }

  function empty(el, message, state = 'empty') {
    const chart = echarts.getInstanceByDom(el);
    if (chart) chart.dispose();
    el.dataset.state = state;
    el.dataset.points = '0';
    el.textContent = message;
  }

  /**
   * Colours and labels of a run's spikes at one f', from the coverage peaks: the `top` largest
   * spikes get a colour each, in order of size, so that a spike looks the same in every chart.
   */
  function spikes(peaks, top) {
    const bySize = peaks.slice().sort((a, b) => b.size - a.size);
    const info = new Map();
    bySize.forEach((p, i) => info.set(String(p.peak), {
      rank: i, size: p.size, label: short(p.name == null ? 'spike ' + p.peak : String(p.name)),
      color: i < top ? PALETTE[i % PALETTE.length] : OTHER,
    }));
    return {
      count: bySize.length,
      top: Math.min(top, bySize.length),
      info,
      // The series a point goes to: one of the top spikes, 'other' spikes, or 'uncovered'.
      key(spike) {
        if (spike == null) return 'uncovered';
        const i = info.get(String(spike));
        return i && i.rank < top ? String(spike) : 'other';
      },
      label(key) {
        if (key === 'uncovered') return 'uncovered';
        if (key === 'other') return 'other spikes';
        return info.get(key).label;
      },
      color(key) {
        if (key === 'uncovered') return UNCOVERED;
        if (key === 'other') return OTHER;
        return info.get(key).color;
      },
      // Series order: uncovered first (drawn underneath), then other spikes, then the top spikes.
      keys() {
        return ['uncovered', 'other'].concat(bySize.slice(0, top).map((p) => String(p.peak)));
      },
    };
  }

  /** Points grouped into one scatter series per spike key, empty series dropped. */
  function seriesBySpike(palette, rows, value, extra) {
    const groups = new Map(palette.keys().map((k) => [k, []]));
    let drawn = 0;
    for (const row of rows) {
      const v = value(row);
      if (v == null) continue;
      groups.get(palette.key(row.spike)).push(v);
      drawn++;
    }
    const series = [];
    for (const [key, data] of groups) {
      if (data.length === 0) continue;
      series.push(Object.assign({ type: 'scatter', name: palette.label(key), data, symbolSize: key === 'uncovered' ? 3 : 5,
        itemStyle: { color: palette.color(key), opacity: key === 'uncovered' ? 0.6 : 0.85 } }, extra));
    }
    return { series, drawn };
  }

  const legend = { type: 'scroll', bottom: 0 };
  const grid = { left: 60, right: 30, top: 30, bottom: 70 };
  const pointTip = (p) => `${esc(p.value[2])}<br>${esc(p.seriesName)}<br>${p.value[0].toPrecision(4)}, ${p.value[1].toPrecision(4)}`;

  /** (a) The embedding on dimensions x and y of /api/runs/{id}/points. */
  function scatter(el, body, palette) {
    const label = (p) => (p.name == null ? String(p.item) : String(p.name));
    const { series, drawn } = seriesBySpike(palette, body.points, (p) => [p.x, p.y, label(p)]);
    if (drawn === 0) return empty(el, 'This run has no embedded items.');
    draw(el, {
      legend, grid, tooltip: { trigger: 'item', formatter: pointTip },
      title: { text: `${drawn} of ${body.items} items, highest norm first`, textStyle: { fontSize: 12, fontWeight: 'normal' }, right: 10 },
      xAxis: { type: 'value', name: `dimension ${body.x}`, nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'value', name: `dimension ${body.y}`, nameLocation: 'middle', nameGap: 45 },
      series,
    }, drawn);
  }

  /** (b) Covered share against number of peaks, from /api/runs/{id}/coverage, with the ρ line. */
  function coverage(el, body, rho) {
    const peaks = body.peaks;
    if (peaks.length === 0) return empty(el, 'No spike at this f′.');
    const data = [[0, 0]].concat(peaks.map((p, i) => [i + 1, p.share]));
    const pct = (v) => (100 * v).toFixed(0) + ' %';
    draw(el, {
      grid,
      tooltip: {
        trigger: 'axis', formatter: (ps) => {
          const i = ps[0].value[0];
          if (i === 0) return 'no peak yet';
          const p = peaks[i - 1];
          return `peak ${i}: ${esc(p.name == null ? p.peak : p.name)}<br>size ${p.size}, norm ${p.norm.toPrecision(4)}<br>covered ${p.covered} of ${body.items} (${(100 * p.share).toFixed(1)} %)`;
        },
      },
      xAxis: { type: 'value', name: 'peaks (descending norm)', nameLocation: 'middle', nameGap: 25, min: 0 },
      yAxis: { type: 'value', name: 'covered share', min: 0, max: 1, axisLabel: { formatter: pct } },
      series: [{
        type: 'line', data, step: 'end', showSymbol: peaks.length <= 60, symbolSize: 5, color: PALETTE[0],
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#d62728', type: 'dashed' },
          label: { formatter: `ρ = ${pct(rho)}`, position: 'insideEndTop' }, data: [{ yAxis: rho }] },
      }],
    }, peaks.length);
  }

  /** A short tick label: 1e-3, 0.05, 2.5, 10, 1k, 2.5M, 1e9 (long ones such as 10,000,000 were cut off). */
  function shortNumber(v) {
    if (v === 0) return '0';
    const a = Math.abs(v);
    const trim = (x) => String(Number(x.toPrecision(3)));
    if (a >= 1e9 || a < 1e-2) return v.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
    if (a >= 1e6) return trim(v / 1e6) + 'M';
    if (a >= 1e3) return trim(v / 1e3) + 'k';
    return trim(v);
  }

  /**
   * A log axis's range from the bulk of its values, so that a few near-zero (or huge) values do not
   * stretch it over many decades: from p1 / 10 (or the smallest value, if larger) to p99 · 10 (or
   * the largest), widened to whole decades. Values outside are clipped at the frame.
   */
  function bulkLogRange(values) {
    const v = values.filter((x) => x > 0).sort((a, b) => a - b);
    const q = (p) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))];
    const lo = Math.max(v[0], q(0.01) / 10);
    const hi = Math.min(v[v.length - 1], q(0.99) * 10);
    const min = 10 ** Math.floor(Math.log10(lo));
    let max = 10 ** Math.ceil(Math.log10(hi));
    if (max <= min) max = min * 10;
    return { min, max };
  }

  /** Writes an axis's final range and labels on the container, as ECharts laid them out (tests read them). */
  function recordAxis(el, name, key) {
    const axis = echarts.getInstanceByDom(el).getModel().getComponent(name, 0).axis;
    const [min, max] = axis.scale.getExtent();
    el.dataset[key + 'Min'] = String(min);
    el.dataset[key + 'Max'] = String(max);
    el.dataset[key + 'Labels'] = axis.getViewLabels().map((l) => l.formattedLabel).join('|');
  }

  /** (c) Norm against degree (log–log) per spike, from /api/runs/{id}/degrees; `degree` names the column. */
  function degree(el, body, palette, degreeKey, degreeLabel) {
    const label = (p) => (p.name == null ? String(p.item) : String(p.name));
    // A log axis has no place for 0: items of degree 0 (e.g. no PPMI relationship written) are left out.
    const { series, drawn } = seriesBySpike(palette, body.items,
      (p) => (p[degreeKey] > 0 && p.norm > 0 ? [p[degreeKey], p.norm, label(p)] : null), { clip: true });
    if (drawn === 0) return empty(el, `No item has a positive ${degreeLabel}` + (degreeKey === 'ppmiDegree' ? ' (were the PPMI relationships written?)' : '') + '.');
    const left = body.items.length - drawn;
    const kept = body.items.filter((p) => p[degreeKey] > 0 && p.norm > 0);
    const xs = bulkLogRange(kept.map((p) => p[degreeKey]));
    const ys = bulkLogRange(kept.map((p) => p.norm));
    const outside = kept.filter((p) => p.norm < ys.min || p.norm > ys.max || p[degreeKey] < xs.min || p[degreeKey] > xs.max).length;
    const notes = [left ? `${left} of degree 0 left out` : '', outside ? `${outside} outside the axes` : ''].filter(Boolean);
    draw(el, {
      legend, grid, tooltip: { trigger: 'item', formatter: pointTip },
      title: { text: `${drawn} items` + (notes.length ? ', ' + notes.join(', ') : ''), textStyle: { fontSize: 12, fontWeight: 'normal' }, right: 10 },
      xAxis: { type: 'log', name: degreeLabel, nameLocation: 'middle', nameGap: 25, min: xs.min, max: xs.max,
        axisLabel: { formatter: shortNumber } },
      yAxis: { type: 'log', name: 'norm', nameLocation: 'middle', nameGap: 45, min: ys.min, max: ys.max,
        axisLabel: { formatter: shortNumber } },
      series,
    }, drawn);
    recordAxis(el, 'yAxis', 'y');
    recordAxis(el, 'xAxis', 'x');
  }

  /**
   * Spk against f' from /api/runs/{id}/sweep, with the singular-value ratio σ_f / σ_f+1 on a second
   * axis and the recommended f marked.
   */
  function sweep(el, body) {
    const levels = body.levels;
    if (levels.length === 0) return empty(el, 'No level in the sweep.');
    const gaps = levels.filter((l) => l.gap != null).map((l) => [l.f, l.gap]);
    el.dataset.recommended = String(body.recommendedF);
    draw(el, {
      grid: { left: 60, right: 60, top: 30, bottom: 70 },
      legend: { bottom: 0 },
      tooltip: { trigger: 'axis', formatter: (ps) => {
        const l = levels.find((x) => x.f === ps[0].value[0]);
        return `f′ = ${l.f}: ${l.peaks} peaks cover ${l.covered} of ${body.items}, Spk = ${l.spk.toPrecision(3)}`
          + (l.gap != null ? `<br>σ<sub>f</sub> / σ<sub>f+1</sub> = ${l.gap.toFixed(3)}` : '');
      } },
      xAxis: { type: 'value', name: 'f′ (leading dimensions of the embedding)', nameLocation: 'middle', nameGap: 25,
        min: 0, max: body.maxF },
      yAxis: [
        { type: 'value', name: 'Spk', min: 0, axisLabel: { formatter: shortNumber } },
        { type: 'value', name: 'σf / σf+1', min: 1, splitLine: { show: false } },
      ],
      series: [
        { name: 'Spk = peaks / n', type: 'line', data: levels.map((l) => [l.f, l.spk]), showSymbol: levels.length <= 64,
          symbolSize: 4, color: PALETTE[0],
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#d62728', type: 'dashed', width: 2 },
            label: { formatter: `recommended f = ${body.recommendedF} (${body.rule})`, position: 'insideEndTop' },
            data: [{ xAxis: body.recommendedF }] } },
        { name: 'σf / σf+1', type: 'line', yAxisIndex: 1, data: gaps, showSymbol: false, color: PALETTE[1],
          lineStyle: { width: 1 } },
      ],
    }, levels.length);
  }

  /** labels: false, or a formatter of a cell's label (shown on small matrices only). */
  function heatmap(el, xs, ys, cells, visualMap, tooltip, labels) {
    draw(el, {
      tooltip: { position: 'top', formatter: tooltip },
      grid: { left: 140, right: 30, top: 20, bottom: 110 },
      xAxis: { type: 'category', data: xs, splitArea: { show: true }, axisLabel: { rotate: 45, interval: 0 } },
      yAxis: { type: 'category', data: ys, splitArea: { show: true }, inverse: true, axisLabel: { interval: 0 } },
      visualMap: Object.assign({ calculable: true, orient: 'horizontal', left: 'center', bottom: 0 }, visualMap),
      series: [{ type: 'heatmap', data: cells, label: { show: !!labels, fontSize: 10, formatter: labels || undefined } }],
    }, cells.length);
  }

  /** (d) Items per (spike, true community), from the contingency of /api/runs/{id}/truth. */
  function contingency(el, truth, palette) {
    if (!truth.planted) return empty(el, 'No planted truth: the items of this dataset carry no true community to compare with.');
    const communities = [...new Set(truth.contingency.map((c) => c.trueCommunity))]
      .sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
    // Per row (a top spike, 'other' spikes or 'uncovered'), items per community column.
    const counts = new Map();
    for (const c of truth.contingency) {
      const key = palette.key(c.spike);
      if (!counts.has(key)) counts.set(key, new Map());
      const row = counts.get(key);
      const x = communities.indexOf(c.trueCommunity);
      row.set(x, (row.get(x) || 0) + c.items);
    }
    const rows = palette.keys().slice(2).concat(['other', 'uncovered']).filter((r) => counts.has(r));
    const cells = [];
    rows.forEach((r, y) => counts.get(r).forEach((n, x) => cells.push([x, y, n])));
    if (cells.length === 0) return empty(el, 'No item with a true community in this run.');
    const max = Math.max(...cells.map((c) => c[2]));
    heatmap(el, communities.map(String), rows.map((r) => palette.label(r)), cells,
      { min: 0, max, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
      (p) => `${esc(palette.label(rows[p.value[1]]))} × community ${esc(communities[p.value[0]])}: ${p.value[2]} items`,
      rows.length * communities.length <= 300 && ((p) => String(p.value[2])));
  }

  /** (e) The fitted DCBM's block matrix B̂ between the largest spikes, on a log scale. */
  function blocks(el, truth) {
    const m = truth.fitted && truth.fitted.blockMatrix;
    if (!m || !m.spikes || m.spikes.length === 0) return empty(el, 'No block matrix: no spike at this f′ has a fitted block.');
    const labels = m.spikes.map((s, i) => short(m.names && m.names[i] != null ? String(m.names[i]) : 'spike ' + s));
    const cells = [];
    m.values.forEach((row, i) => row.forEach((v, j) => {
      if (v != null && v > 0) cells.push([j, i, Math.log10(v), v]);
    }));
    if (cells.length === 0) return empty(el, 'The fitted block matrix has no positive entry (no PPMI weight between covered items).');
    const reach = Math.max(1, ...cells.map((c) => Math.abs(c[2])));
    heatmap(el, labels, labels, cells,
      { min: -reach, max: reach, dimension: 2, text: ['log₁₀ B̂ high', 'low'], inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] } },
      (p) => `${esc(labels[p.value[1]])} × ${esc(labels[p.value[0]])}: B̂ = ${p.value[3].toPrecision(3)}`,
      cells.length <= 100 && ((p) => p.value[3].toPrecision(2)));
  }

  /** Mean Jaccard per snapshot (x, by date) and norm quantile (one line each), with the 95 % band as error bars in the tooltip. */
  function stability(el, body) {
    const rows = body.rows;
    const moment = (r) => r.until || r.run;
    const dates = [...new Set(rows.map(moment))].sort();
    const parts = [...new Set(rows.map((r) => r.partition))].sort((a, b) => a - b);
    const series = parts.map((p, i) => ({
      name: 'q' + p + (p === parts[0] ? ' (lowest norms)' : p === parts[parts.length - 1] ? ' (highest norms)' : ''),
      type: 'line', showSymbol: true, color: PALETTE[i % PALETTE.length],
      data: dates.map((d) => {
        const r = rows.find((x) => x.partition === p && moment(x) === d);
        return r ? [d, r.meanJaccard, r.ciLow, r.ciHigh, r.missing] : [d, null];
      }),
    }));
    draw(el, {
      tooltip: { trigger: 'item', formatter: (q) => `${esc(q.seriesName)} at ${esc(q.value[0])}: ${q.value[1].toFixed(3)} `
        + `(95 %: ${q.value[2].toFixed(3)} – ${q.value[3].toFixed(3)}; absent items ${q.value[4]})` },
      legend: { bottom: 0 },
      grid: { left: 55, right: 20, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: dates, name: 'snapshot', nameLocation: 'middle', nameGap: 28,
        axisLabel: { formatter: (d) => d.replace(/T00:00(:00)?Z$/, '').replace('T', ' ').replace(/(:00)?Z$/, '') } },
      yAxis: { type: 'value', min: 0, max: 1, name: `mean Jaccard with ${body.refRun} (${rows[0] ? rows[0].metric : ''}, top-${rows[0] ? rows[0].k : ''})` },
      series,
    }, rows.length);
  }

  /** Forecast Jaccard per norm bin (x: the bin's middle norm quantile): the mean as a line, min and max dashed. */
  function forecast(el, body) {
    const bins = body.bins || [];
    const x = (b) => (b.bin - 0.5) / bins.length;
    const line = (name, key, style) => ({ name, type: 'line', showSymbol: key === 'forecastMean', lineStyle: style,
      data: bins.map((b) => [x(b), b[key], b.items, b.normMin, b.normMax]) });
    const r = (v) => (v == null ? '–' : v.toFixed(3));
    draw(el, {
      title: { text: `${body.model}: mae ${r(body.mae)} against ${r(body.baselineMae)} at the mean, Spearman ${r(body.spearman)}`,
        textStyle: { fontSize: 12, fontWeight: 'normal' }, left: 'center' },
      tooltip: { trigger: 'item', formatter: (q) => `${esc(q.seriesName)}: ${q.value[1].toFixed(3)} (${q.value[2]} items, `
        + `norm ${q.value[3].toPrecision(3)} – ${q.value[4].toPrecision(3)})` },
      legend: { bottom: 0 },
      grid: { left: 55, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'value', min: 0, max: 1, name: 'norm quantile (0 = lowest)', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 1, name: `expected Jaccard at the next snapshot (${body.metric}, top-${body.k})` },
      series: [line('mean forecast', 'forecastMean'), line('min', 'forecastMin', { type: 'dashed' }),
        line('max', 'forecastMax', { type: 'dashed' })],
    }, bins.length);
  }

  return { spikes, scatter, coverage, degree, sweep, contingency, blocks, stability, forecast, empty, shortNumber, bulkLogRange };
})();
