// The report page: selectors (dataset, run, f', scatter dimensions, degree) read from and written
// to the URL query (?dataset=&run=&f=&x=&y=&degree=), and the charts of charts.js drawn from
// the spiky API. Plain DOM and fetch; no build step.
(function () {
  const $ = (id) => document.getElementById(id);
  const url = new URLSearchParams(location.search);
  const wanted = { dataset: url.get('dataset'), run: url.get('run'), f: url.get('f'), x: url.get('x'), y: url.get('y') };
  const charts = ['scatter', 'coverage', 'sweep', 'degree', 'contingency', 'blocks', 'stability', 'forecast'].map((c) => $('chart-' + c));
  const TOP_SPIKES = 10;
  const MAX_DEGREE_ITEMS = 10000; // the largest page /degrees gives
  // Answers to an older choice must not draw over a newer one: each redraw takes a new number.
  let generation = 0;
  let run = null; // /api/runs/{id} of the chosen run
  let level = null; // what the charts of the current (run, f') share: {palette, degrees}

  if (url.get('degree')) $('degree').value = url.get('degree');
  if (url.get('metric')) $('metric').value = url.get('metric');
  let snapshots = []; // the dataset's finished snapshot runs, oldest first

  async function json(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => null);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${(body && body.detail) || r.statusText}`);
    return body;
  }

  /** Fills a select with values; keeps `chosen` when it is one of them, else the first. */
  function fill(select, values, chosen, label = String) {
    select.replaceChildren(...values.map((v) => new Option(label(v), String(v))));
    if (chosen != null && values.map(String).includes(String(chosen))) select.value = String(chosen);
    return select.value;
  }

  function remember() {
    const q = new URLSearchParams({ dataset: $('dataset').value, run: $('run').value, f: $('f').value,
      x: $('x').value, y: $('y').value, degree: $('degree').value, metric: $('metric').value });
    history.replaceState(null, '', '?' + q);
  }

  function allEmpty(message, state = 'empty') {
    charts.forEach((el) => Charts.empty(el, message, state));
  }

  /** Runs a chart's work; a failure shows in that chart only. */
  async function guarded(el, work) {
    try {
      await work();
    } catch (e) {
      Charts.empty(el, String(e.message || e), 'error');
    }
  }

  async function chooseDataset(chosen) {
    const { datasets } = await json('/api/datasets');
    if (datasets.length === 0) return allEmpty('No dataset yet: import or generate one (see the README).');
    const fallback = (datasets.find((d) => d.latestRun) || datasets[0]).name;
    const names = datasets.map((d) => d.name);
    fill($('dataset'), names, names.includes(chosen) ? chosen : fallback);
    await chooseRun(wanted.run);
  }

  async function chooseRun(chosen) {
    const { runs } = await json(`/api/datasets/${encodeURIComponent($('dataset').value)}/runs`);
    const withSpikes = runs.filter((r) => r.spk && r.spk.length > 0);
    snapshots = runs.filter((r) => r.until && r.status === 'finished').sort((a, b) => a.until.localeCompare(b.until));
    fill($('run'), runs.map((r) => r.id), chosen && runs.some((r) => r.id === chosen) ? chosen : (withSpikes[0] || runs[0] || {}).id,
      (id) => { const r = runs.find((x) => x.id === id); return `${id} (${r.status}${r.latest ? ', latest' : ''})`; });
    if (runs.length === 0) {
      run = null;
      fill($('f'), [], null);
      return allEmpty('This dataset has no run yet: POST /api/datasets/{name}/runs or CALL spiky.pipeline starts one.');
    }
    await loadRun();
  }

  async function loadRun() {
    run = await json(`/api/runs/${encodeURIComponent($('run').value)}`);
    const dims = [...Array(run.rank || 0).keys()];
    fill($('f'), (run.spkTable || []).map((s) => s.f), wanted.f);
    fill($('x'), dims, wanted.x != null ? wanted.x : 0);
    fill($('y'), dims, wanted.y != null ? wanted.y : Math.min(1, dims.length - 1));
    Object.keys(wanted).forEach((k) => { if (k !== 'dataset') wanted[k] = null; }); // the URL chose only the first run
    await drawAll();
  }

  function summary(spk, truth) {
    let s = `${run.id}: ${run.n} items embedded in rank ${run.rank}`;
    if (spk) s += `; at f′ = ${spk.f}: ${spk.peaks} spikes cover ${spk.covered} items, Spk = ${spk.spk.toPrecision(3)}`;
    if (truth && truth.planted) s += `; against the planted communities ARI ${truth.ariCovered.toFixed(3)} over covered items, ${truth.ariAll.toFixed(3)} over all`;
    $('summary').textContent = s + '.';
  }

  async function drawAll() {
    const mine = ++generation;
    remember();
    $('error').textContent = '';
    const spk = (run.spkTable || []).find((s) => String(s.f) === $('f').value);
    summary(spk, null);
    if (!spk) return allEmpty(`Run ${run.id} has no spikes yet (status ${run.status}).`);
    const base = `/api/runs/${encodeURIComponent(run.id)}`;
    const f = spk.f;
    level = null;
    charts.forEach((el) => { el.dataset.state = el.dataset.state === 'drawn' ? 'drawn' : 'loading'; });
    let cover;
    try {
      cover = await json(`${base}/coverage?f=${f}`);
    } catch (e) {
      if (mine === generation) allEmpty(String(e.message || e), 'error');
      return;
    }
    if (mine !== generation) return;
    const palette = Charts.spikes(cover.peaks, TOP_SPIKES);
    level = { palette, degrees: null };
    Charts.coverage($('chart-coverage'), cover, run.rho || 0.5);
    await Promise.all([
      drawScatter(mine),
      guarded($('chart-degree'), async () => {
        const body = await json(`${base}/degrees?f=${f}&pageSize=${MAX_DEGREE_ITEMS}`);
        if (mine !== generation) return;
        level.degrees = body;
        drawDegree();
      }),
      drawStability(mine),
      drawForecast(mine),
      guarded($('chart-sweep'), async () => {
        const body = await json(`${base}/sweep`);
        if (mine === generation) Charts.sweep($('chart-sweep'), body);
      }),
      guarded($('chart-contingency'), async () => {
        const truth = await json(`${base}/truth?f=${f}`);
        if (mine !== generation) return;
        summary(spk, truth);
        Charts.contingency($('chart-contingency'), truth, palette);
        Charts.blocks($('chart-blocks'), truth);
      }).then(() => {
        // /truth feeds both heatmaps: when it failed, say so in the block matrix too.
        const c = $('chart-contingency');
        if (c.dataset.state === 'error') Charts.empty($('chart-blocks'), c.textContent, 'error');
      }),
    ]);
  }

  function drawScatter(mine = generation) {
    const el = $('chart-scatter');
    const query = () => `f=${$('f').value}&x=${$('x').value}&y=${$('y').value}`;
    const q = query();
    return guarded(el, async () => {
      const body = await json(`/api/runs/${encodeURIComponent(run.id)}/points?${q}`);
      // Dimensions may have changed again while this answer travelled: only the latest choice draws.
      if (mine === generation && level && q === query()) Charts.scatter(el, body, level.palette);
    });
  }

  /** Per dataset, not per run: the snapshots against the latest one (GET /api/runs/{ref}/stability). */
  function drawStability(mine = generation) {
    const el = $('chart-stability');
    if (snapshots.length < 2) {
      Charts.empty(el, 'No snapshots of this dataset to compare: CALL spiky.snapshots(dataset, {every: \'P1Y\', from: ...}) makes them.');
      return Promise.resolve();
    }
    const ref = snapshots[snapshots.length - 1].id;
    const metric = $('metric').value;
    return guarded(el, async () => {
      const body = await json(`/api/runs/${encodeURIComponent(ref)}/stability?metric=${metric}&runs=`
        + snapshots.map((r) => encodeURIComponent(r.id)).join(','));
      if (mine === generation && metric === $('metric').value) Charts.stability(el, body);
    });
  }

  /** The run's stability forecast (GET /api/runs/{id}/forecast), when spiky.stability.forecast wrote one. */
  function drawForecast(mine = generation) {
    const el = $('chart-forecast');
    const id = run.id;
    return guarded(el, async () => {
      const path = `/api/runs/${encodeURIComponent(id)}/forecast?bins=10`;
      const r = await fetch(path, { headers: { Accept: 'application/json' } });
      if (mine !== generation || id !== run.id) return;
      if (r.status === 404) {
        Charts.empty(el, `No stability forecast for run ${id}: CALL spiky.stability.forecast('${run.dataset}', {}) writes one on the dataset's latest snapshot run.`);
        return;
      }
      const body = await r.json().catch(() => null);
      if (!r.ok) throw new Error(`${path}: ${r.status} ${(body && body.detail) || r.statusText}`);
      Charts.forecast(el, body);
    });
  }

  function drawDegree() {
    if (!level || !level.degrees) return;
    const select = $('degree');
    Charts.degree($('chart-degree'), level.degrees, level.palette, select.value, select.options[select.selectedIndex].text);
  }

  const failed = (e) => { $('error').textContent = String(e.message || e); };
  $('dataset').addEventListener('change', () => chooseRun(null).catch(failed));
  $('run').addEventListener('change', () => loadRun().catch(failed));
  $('f').addEventListener('change', () => drawAll().catch(failed));
  $('x').addEventListener('change', () => { remember(); drawScatter(); });
  $('y').addEventListener('change', () => { remember(); drawScatter(); });
  $('degree').addEventListener('change', () => { remember(); drawDegree(); });
  $('metric').addEventListener('change', () => { remember(); drawStability(); });
  window.addEventListener('resize', () => charts.forEach((el) => { const c = echarts.getInstanceByDom(el); if (c) c.resize(); }));

  chooseDataset(wanted.dataset).catch((e) => { failed(e); allEmpty(String(e.message || e), 'error'); });
})();
