// The dashboard: reads the REST API and /events. Every string from YouTube goes into the page as text
// (textContent, createElement), never as HTML: titles can contain markup. The chart is uPlot (vendored beside this file).
"use strict";

const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat("en");
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const RANGES = { "1h": 3600, "24h": 86400, "7d": 7 * 86400, "30d": 30 * 86400 };
const state = {
  sort: "views", selected: null, range: "24h", videos: new Map(), rows: new Map(), refresh: null,
  info: null, summary: null, status: null, previousStatus: null, watchlist: null,
  alerts: [], alertIds: new Set(), alertsVideo: "",
  chart: null, chartData: null, chartAlerts: [], chartRequest: 0,
  channel: null, channelChart: null, channelRequest: 0,
};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(url + " answered " + response.status);
  return response.json();
}

const gain = (n) => n > 0 ? "+" + fmt.format(n) : "0";
const youtubeUrl = (videoId) => "https://www.youtube.com/watch?v=" + encodeURIComponent(videoId);
const isHttps = (url) => typeof url === "string" && url.startsWith("https://");

function youtubeLink(videoId, text) {
  const a = el("a", text);
  a.href = youtubeUrl(videoId);
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.title = "open on YouTube";
  a.addEventListener("click", (e) => e.stopPropagation());
  return a;
}

// ---- summary row -------------------------------------------------------------------------------------------------

function card(id, value, note, tone) {
  const c = $(id);
  c.querySelector(".value").textContent = value;
  c.querySelector(".note").textContent = note ?? "";
  c.classList.toggle("bad", tone === "bad");
  c.classList.toggle("good", tone === "good");
}

function perSecond(field, scale) {
  const [a, b] = [state.previousStatus, state.status];
  if (!a || !b) return null;
  const seconds = (b.at - a.at) / 1000;
  return seconds > 0 ? Math.max(0, b.value[field] - a.value[field]) / seconds * scale : null;
}

function renderSummary() {
  const s = state.summary, status = state.status?.value, info = state.info;
  if (s) {
    const polled = state.watchlist && info?.source === "youtube" ? fmt.format(state.watchlist.videoCount) + " polled from the watchlist" : "sampled by the " + (info?.source ?? "") + " source";
    card("sum-videos", fmt.format(s.videosTracked), polled);
    card("sum-gain1h", gain(s.viewsGained1h), "all videos");
    card("sum-gain24h", gain(s.viewsGained24h), "all videos");
    card("sum-alerts", fmt.format(s.alertsToday), fmt.format(s.alertsLastHour) + " in the last hour (UTC day)");
  }
  if (!status) return;
  if (status.quota) {
    const q = status.quota;
    card("sum-quota", fmt.format(q.used) + " / " + fmt.format(q.limit), fmt.format(q.left) + " left" + (q.blockedUntil ? ", blocked until " + new Date(q.blockedUntil).toLocaleTimeString() : ""), q.blockedUntil || q.left === 0 ? "bad" : null);
  } else {
    card("sum-quota", "—", "not used (" + status.source + " source)");
  }
  const down = status.stages.filter(st => !st.running);
  card("sum-pipeline", down.length === 0 ? "running" : down.length + " of " + status.stages.length + " down",
    down.length === 0 ? status.mode + ": " + status.stages.map(st => st.name).join(", ") : down.map(st => st.name).join(", "),
    down.length === 0 ? "good" : "bad");
  const samples = perSecond("samplesAccepted", 1), alerts = perSecond("alertsRaised", 60);
  card("sum-samples-rate", samples === null ? "…" : samples.toFixed(samples < 10 ? 1 : 0), fmt.format(status.samplesAccepted) + " accepted in all");
  card("sum-alerts-rate", alerts === null ? "…" : alerts.toFixed(alerts < 10 ? 1 : 0), fmt.format(status.alertsRaised) + " raised, " + fmt.format(status.alertsDelivered) + " delivered");
  if (status.consumerLag !== null && status.consumerLag !== undefined)
    card("sum-lag", fmt.format(status.consumerLag), "raw-topic records not yet consumed", status.consumerLag > 10000 ? "bad" : null);
  else
    card("sum-lag", "—", status.mode === "kafka" ? "the brokers did not answer" : "no Kafka in " + status.mode + " mode");
  if (status.deadLettered !== null && status.deadLettered !== undefined)
    card("sum-dead", fmt.format(status.deadLettered), "records dead-lettered by this node", status.deadLettered > 0 ? "bad" : null);
  else
    card("sum-dead", "—", "no Kafka consumer on this node");
  if (status.parkedChats !== null && status.parkedChats !== undefined)
    card("sum-parked", fmt.format(status.parkedChats), "Telegram chats refusing alerts", status.parkedChats > 0 ? "bad" : null);
  else
    card("sum-parked", "—", "alerts go to " + (info?.alertSink ?? "the sink") + ", not Telegram");
  // The watchlist (one for the cluster) keeps each playlist's and channel's health.
  const failing = state.watchlist ? state.watchlist.targets.filter(t => t.state === "failing") : null;
  if (failing === null)
    card("sum-failing", "…", "reading the watchlist");
  else if (failing.length > 0)
    card("sum-failing", fmt.format(failing.length), failing.map(t => t.id + ": " + (t.reason ?? "failing")).join(", "), "bad");
  else
    card("sum-failing", "0", "playlists and channels read fine");
}

async function loadSummary() {
  const [summary, status] = await Promise.all([getJson("/summary"), getJson("/pipeline/status")]);
  state.summary = summary;
  state.previousStatus = state.status;
  state.status = { at: Date.now(), value: status };
  renderSummary();
  renderPipeline(status);
}

// ---- video table -------------------------------------------------------------------------------------------------

function sparkline() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "sparkline");
  svg.setAttribute("viewBox", "0 0 100 28");
  svg.setAttribute("preserveAspectRatio", "none");
  const line = document.createElementNS(ns, "polyline");
  svg.append(line);
  return svg;
}

function drawSparkline(svg, values) {
  const line = svg.firstChild;
  const v = values && values.length > 0 ? values : [];
  svg.dataset.values = String(v.length);
  if (v.length === 0) { line.setAttribute("points", ""); return; }
  let min = Math.min(...v), max = Math.max(...v);
  if (max === min) { max += 1; min -= 1; }
  const step = v.length > 1 ? 100 / (v.length - 1) : 0;
  const pts = (v.length > 1 ? v : [v[0], v[0]]).map((n, i) => (i * (step || 100)).toFixed(1) + "," + (26 - (n - min) / (max - min) * 24).toFixed(1));
  line.setAttribute("points", pts.join(" "));
  svg.classList.toggle("up", v[v.length - 1] > v[0]);
  svg.setAttribute("aria-label", "views over the last day: " + fmt.format(v[0]) + " to " + fmt.format(v[v.length - 1]));
}

function thumbnailCell(v) {
  const td = el("td", null, "thumb-col");
  if (isHttps(v.thumbnailUrl)) {
    const img = el("img");
    img.alt = "";
    img.loading = "lazy";
    img.referrerPolicy = "no-referrer";
    img.width = 64; img.height = 36;
    img.addEventListener("error", () => img.classList.add("broken"));
    img.src = v.thumbnailUrl;
    const a = youtubeLink(v.videoId, null);
    a.append(img);
    td.append(a);
  } else {
    td.append(youtubeLink(v.videoId, "▶"));
  }
  return td;
}

function createRow(v) {
  const row = el("tr");
  row.dataset.videoId = v.videoId;
  const title = el("td", null, "title");
  const cells = {
    thumb: thumbnailCell(v), title,
    views: el("td", null, "num"), h1: el("td", null, "num hide-phone"), h24: el("td", null, "num hide-phone"),
    spark: el("td", null, "spark-col"), likes: el("td", null, "num hide-narrow"),
    comments: el("td", null, "num hide-narrow"), alerts: el("td", null, "num hide-narrow"),
  };
  cells.titleLink = youtubeLink(v.videoId, "");
  cells.channel = el("small", "", "muted");
  title.append(cells.titleLink, el("br"), cells.channel);
  cells.sparkSvg = sparkline();
  cells.spark.append(cells.sparkSvg);
  row.append(cells.thumb, title, cells.views, cells.h1, cells.h24, cells.spark, cells.likes, cells.comments, cells.alerts);
  row.addEventListener("click", () => selectVideo(v.videoId));
  return { row, cells, thumbnailUrl: v.thumbnailUrl };
}

function updateRow(entry, v) {
  const c = entry.cells;
  if (v.thumbnailUrl !== entry.thumbnailUrl) { // a thumbnail that appeared later: new cell, else the image is kept
    const fresh = thumbnailCell(v);
    c.thumb.replaceWith(fresh);
    c.thumb = fresh;
    entry.thumbnailUrl = v.thumbnailUrl;
  }
  c.titleLink.textContent = v.title ?? v.videoId;
  c.channel.textContent = v.channelTitle ?? "";
  c.views.textContent = fmt.format(v.viewCount);
  c.h1.textContent = gain(v.viewsChange1h);
  c.h1.classList.toggle("up", v.viewsChange1h > 0);
  c.h24.textContent = gain(v.viewsChange24h);
  c.h24.classList.toggle("up", v.viewsChange24h > 0);
  drawSparkline(c.sparkSvg, v.viewsSparkline ?? [v.viewCount]);
  c.likes.textContent = v.likeCount === null ? "hidden" : fmt.format(v.likeCount);
  c.comments.textContent = v.commentCount === null ? "off" : fmt.format(v.commentCount);
  c.alerts.textContent = fmt.format(v.alertCount);
  entry.row.classList.toggle("selected", v.videoId === state.selected);
}

function renderVideos(page) {
  const body = $("videos").tBodies[0];
  $("videos-empty").hidden = page.items.length > 0;
  $("videos-count").textContent = page.total > page.items.length ? "(" + page.items.length + " of " + fmt.format(page.total) + ")" : "(" + page.total + ")";
  const seen = new Set();
  for (const v of page.items) {
    state.videos.set(v.videoId, v);
    seen.add(v.videoId);
    let entry = state.rows.get(v.videoId);
    if (!entry) { entry = createRow(v); state.rows.set(v.videoId, entry); }
    updateRow(entry, v);
    body.append(entry.row); // moves an existing row into sort order
  }
  for (const [id, entry] of state.rows)
    if (!seen.has(id)) { entry.row.remove(); state.rows.delete(id); }
  renderAlertFilter();
}

async function loadVideos() {
  const page = await getJson("/videos?pageSize=100&sort=" + encodeURIComponent(state.sort));
  renderVideos(page);
  if (!state.selected && page.items.length > 0) selectVideo(page.items[0].videoId);
}

function scheduleVideos() {
  // Video updates arrive many a second; the table is redrawn at most once a second.
  if (state.refresh) return;
  state.refresh = setTimeout(() => { state.refresh = null; loadVideos().catch(() => {}); }, 1000);
}

// ---- chart -------------------------------------------------------------------------------------------------------

const valueOrDash = (digits) => (u, v) => v === null || v === undefined ? "--" : fmt.format(Math.round(v * digits) / digits);

// Short labels (30.9M) unless they would read the same over a narrow range; then the full numbers.
function tickLabels(u, splits) {
  const short = splits.map(n => compact.format(n));
  return new Set(short).size === short.length ? short : splits.map(n => fmt.format(n));
}

// Wide enough for the longest label (full numbers are longer than 30.9M).
function axisSize(u, values) {
  const longest = values ? Math.max(0, ...values.map(v => String(v).length)) : 5;
  return Math.max(40, longest * 7 + 16);
}

function createChart(container) {
  const opts = {
    width: Math.max(240, container.clientWidth),
    height: container.clientWidth < 500 ? 200 : 260,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true }, views: {}, counts: {} },
    legend: { live: true },
    series: [
      { label: "Time", value: (u, v) => v === null ? "--" : new Date(v * 1000).toLocaleString() },
      { label: "Views", scale: "views", stroke: "#c4302b", width: 2, value: valueOrDash(1) },
      { label: "Likes", scale: "counts", stroke: "#1f6feb", width: 1.5, value: valueOrDash(1) },
      { label: "Comments", scale: "counts", stroke: "#8250df", width: 1.5, value: valueOrDash(1) },
    ],
    axes: [
      { stroke: "#69707d", grid: { stroke: "#e3e6ea" }, ticks: { stroke: "#e3e6ea" } },
      { scale: "views", stroke: "#c4302b", size: axisSize, grid: { stroke: "#e3e6ea" }, ticks: { stroke: "#e3e6ea" },
        values: tickLabels },
      { scale: "counts", side: 1, stroke: "#1f6feb", size: axisSize, grid: { show: false }, ticks: { stroke: "#e3e6ea" },
        values: tickLabels },
    ],
    hooks: { draw: [placeAlertMarkers, recordAxes] },
  };
  return new uPlot(opts, [[], [], [], []], container);
}

// The axes' labels are drawn on the canvas; the container says what they read (for a screen reader and the test).
function recordAxes(u) {
  const chart = $("chart");
  chart.dataset.xTicks = (u.axes[0]._values ?? []).join("|");
  chart.dataset.yTicks = (u.axes[1]._values ?? []).join("|");
  chart.dataset.points = String(u.data[0].length);
}

// One vertical line over the plot where an alert of this video fired; the caption below lists them.
function placeAlertMarkers(u) {
  for (const m of u.over.querySelectorAll(".alert-marker")) m.remove();
  const min = u.scales.x.min, max = u.scales.x.max;
  if (min === null || max === null || min === undefined) return;
  let shown = 0;
  for (const a of state.chartAlerts) {
    const t = Date.parse(a.observedAt) / 1000;
    if (t < min || t > max) continue;
    const marker = el("div", null, "alert-marker");
    marker.style.left = u.valToPos(t, "x") + "px";
    marker.dataset.alertId = a.alertId;
    marker.title = describe(a) + " · " + new Date(a.observedAt).toLocaleString();
    u.over.append(marker);
    shown++;
  }
  $("chart").dataset.markers = String(shown);
}

function chartSeries(points) {
  const x = [], views = [], likes = [], comments = [];
  for (const p of points) {
    x.push(Date.parse(p.observedAt) / 1000);
    views.push(p.viewCount);
    likes.push(p.likeCount);
    comments.push(p.commentCount);
  }
  return [x, views, likes, comments];
}

async function selectVideo(videoId) {
  state.selected = videoId;
  for (const [id, entry] of state.rows) entry.row.classList.toggle("selected", id === videoId);
  const v = state.videos.get(videoId);
  $("chart-title").replaceChildren(youtubeLink(videoId, v?.title ?? videoId));
  const csv = $("chart-csv");
  csv.href = "/videos/" + encodeURIComponent(videoId) + "/history?format=csv&from=" + encodeURIComponent(rangeStart());
  csv.hidden = false;
  await Promise.all([drawChart(videoId), loadForecast(videoId)]);
}

/** The selected video's next-milestone forecast (nextMilestone of /videos/{id}/stats); none when its rate is 0 or beyond a year. */
async function loadForecast(videoId) {
  const stats = await getJson("/videos/" + encodeURIComponent(videoId) + "/stats");
  if (state.selected !== videoId) return; // another video was picked meanwhile
  const forecast = $("chart-forecast");
  forecast.textContent = stats.nextMilestone ? "Next milestone: " + stats.nextMilestone.text
    + " (~" + fmt.format(stats.nextMilestone.viewsPerHour) + " views/h over the last day)" : "No milestone forecast (no views gained lately, or over a year away).";
  forecast.hidden = false;
}

const rangeStart = () => new Date(Date.now() - RANGES[state.range] * 1000).toISOString();

async function drawChart(videoId) {
  const request = ++state.chartRequest;
  const from = rangeStart();
  const id = encodeURIComponent(videoId);
  const [history, alerts] = await Promise.all([
    getJson("/videos/" + id + "/history?from=" + encodeURIComponent(from)),
    getJson("/alerts?pageSize=500&video=" + id),
  ]);
  if (request !== state.chartRequest) return; // another video or range was asked for meanwhile
  const container = $("chart");
  if (!state.chart) state.chart = createChart(container);
  state.chartAlerts = alerts.items;
  state.chartData = chartSeries(history.points);
  container.dataset.range = state.range;
  container.dataset.videoId = videoId;
  state.chart.setData(state.chartData);
  const points = history.points;
  const label = { "1h": "hour", "24h": "24 hours", "7d": "7 days", "30d": "30 days" }[state.range];
  $("chart-range").textContent = (points.length === 0 ? "No sample in the last " + label + "."
    : fmt.format(points.length) + " samples, " + new Date(points[0].observedAt).toLocaleString() + " to "
      + new Date(points[points.length - 1].observedAt).toLocaleString() + (history.truncated ? " (the newest 20,000)" : ""))
    + " · " + fmt.format(alertsWithin(points)) + " alerts marked (orange lines). Drag to zoom, double-click to reset.";
}

function alertsWithin(points) {
  if (points.length === 0) return 0;
  const first = Date.parse(points[0].observedAt), last = Date.parse(points[points.length - 1].observedAt);
  return state.chartAlerts.filter(a => { const t = Date.parse(a.observedAt); return t >= first && t <= last; }).length;
}

// A live update of the selected video adds its point without asking the journal again.
function appendToChart(v) {
  const data = state.chartData;
  if (!state.chart || !data || v.videoId !== state.selected) return;
  const t = Date.parse(v.observedAt) / 1000;
  if (data[0].length > 0 && t <= data[0][data[0].length - 1]) return;
  data[0].push(t); data[1].push(v.viewCount); data[2].push(v.likeCount); data[3].push(v.commentCount);
  state.chart.setData(data);
}

for (const button of $("ranges").querySelectorAll("button")) {
  button.addEventListener("click", () => {
    state.range = button.dataset.range;
    for (const b of $("ranges").querySelectorAll("button")) b.classList.toggle("on", b === button);
    if (state.selected) selectVideo(state.selected).catch(() => {});
  });
}

new ResizeObserver(() => {
  const container = $("chart");
  if (state.chart && Math.abs(state.chart.width - container.clientWidth) > 4)
    state.chart.setSize({ width: Math.max(240, container.clientWidth), height: container.clientWidth < 500 ? 200 : 260 });
}).observe($("chart"));

// ---- channels: the watched channels (GET /channels) and the selected one's subscribers over 30 days ----------------

// YouTube publishes subscriber counts rounded to 3 significant figures and lets a channel hide them: hidden is not 0.
const subscribers = (stats) => !stats ? "-" : stats.subscriberCount === null ? "hidden" : fmt.format(stats.subscriberCount);

function renderChannels(list) {
  const body = $("channels").tBodies[0];
  body.replaceChildren();
  $("channels-empty").hidden = list.items.length > 0;
  $("channels-count").textContent = "(" + list.items.length + ")";
  for (const item of list.items) {
    const id = item.channelId ?? item.target, stats = item.stats;
    const row = el("tr");
    row.dataset.channelId = id;
    row.classList.toggle("selected", id === state.channel);
    const name = el("td", null, "title");
    name.append(el("span", stats?.title ?? id), el("br"), el("small", item.target, "muted"));
    row.append(name, el("td", subscribers(stats), "num"), el("td", stats ? fmt.format(stats.viewCount) : "-", "num hide-phone"),
      el("td", stats ? fmt.format(stats.videoCount) : "-", "num hide-narrow"),
      el("td", stats ? new Date(stats.observedAt).toLocaleString() : "not sampled yet", "hide-narrow"));
    if (stats) row.addEventListener("click", () => selectChannel(id, stats.title ?? id).catch(() => {}));
    body.append(row);
  }
  const first = list.items.find(i => i.stats);
  if (state.channel === null && first) selectChannel(first.channelId ?? first.target, first.stats.title ?? first.target).catch(() => {});
  else if (state.channel !== null) drawChannelChart(state.channel).catch(() => {});
}

async function loadChannels() {
  renderChannels(await getJson("/channels"));
}

async function selectChannel(channelId, title) {
  state.channel = channelId;
  for (const row of $("channels").tBodies[0].rows) row.classList.toggle("selected", row.dataset.channelId === channelId);
  $("channel-chart-title").textContent = "Subscribers: " + title;
  await drawChannelChart(channelId);
}

async function drawChannelChart(channelId) {
  const request = ++state.channelRequest;
  const from = new Date(Date.now() - RANGES["30d"] * 1000).toISOString();
  const history = await getJson("/channels/" + encodeURIComponent(channelId) + "/history?from=" + encodeURIComponent(from));
  if (request !== state.channelRequest) return;
  const container = $("channel-chart");
  if (!state.channelChart) {
    state.channelChart = new uPlot({
      width: Math.max(240, container.clientWidth), height: 180,
      scales: { x: { time: true }, subs: {} }, legend: { live: true },
      series: [
        { label: "Time", value: (u, v) => v === null ? "--" : new Date(v * 1000).toLocaleString() },
        { label: "Subscribers", scale: "subs", stroke: "#c4302b", width: 2, spanGaps: false, value: valueOrDash(1) },
      ],
      axes: [
        { stroke: "#69707d", grid: { stroke: "#e3e6ea" }, ticks: { stroke: "#e3e6ea" } },
        { scale: "subs", stroke: "#c4302b", size: axisSize, grid: { stroke: "#e3e6ea" }, ticks: { stroke: "#e3e6ea" }, values: tickLabels },
      ],
    }, [[], []], container);
  }
  // A hidden count is a gap in the line (null), never a drop to zero.
  const x = history.points.map(p => Date.parse(p.observedAt) / 1000), subs = history.points.map(p => p.subscriberCount);
  container.dataset.channelId = channelId;
  container.dataset.points = String(x.length);
  container.dataset.last = subs.length ? String(subs[subs.length - 1]) : "";
  state.channelChart.setData([x, subs]);
}

new ResizeObserver(() => {
  const container = $("channel-chart");
  if (state.channelChart && Math.abs(state.channelChart.width - container.clientWidth) > 4)
    state.channelChart.setSize({ width: Math.max(240, container.clientWidth), height: 180 });
}).observe($("channel-chart"));

// ---- alerts ------------------------------------------------------------------------------------------------------

function describe(alert) {
  return alert.breaches.map(b => {
    if (b.rule.startsWith("milestone:")) return "passed " + fmt.format(b.current) + " " + b.metric;
    if (b.rule.startsWith("new:")) return "new upload";
    if (b.rule === "live:started") return "live now, " + fmt.format(b.current) + " watching";
    if (b.rule === "live:ended") return "stream ended, peak " + fmt.format(b.current) + " viewers";
    return b.metric + " " + (b.deltaPct !== null ? "+" + b.deltaPct + "%" : gain(b.deltaAbs));
  }).join(", ");
}

function alertItem(alert, fresh) {
  const item = el("li", null, fresh ? "fresh" : "");
  item.dataset.alertId = alert.alertId;
  item.dataset.videoId = alert.videoId;
  item.append(youtubeLink(alert.videoId, alert.title ?? alert.videoId), el("br"),
    el("span", describe(alert)), el("span", " · " + new Date(alert.observedAt).toLocaleTimeString(), "muted"));
  item.addEventListener("click", () => selectVideo(alert.videoId));
  return item;
}

function addAlert(alert, fresh) {
  if (state.alertIds.has(alert.alertId)) return;
  if (alert.videoId === state.selected && fresh) {
    state.chartAlerts.unshift(alert);
    state.chart?.redraw(false, false);
  }
  if (state.alertsVideo && alert.videoId !== state.alertsVideo) return;
  state.alertIds.add(alert.alertId);
  $("alerts-empty").hidden = true;
  const list = $("alerts");
  const item = alertItem(alert, fresh);
  if (fresh) list.prepend(item); else list.append(item);
  while (list.children.length > 100) {
    state.alertIds.delete(list.lastElementChild.dataset.alertId);
    list.lastElementChild.remove();
  }
}

async function loadAlerts() {
  const video = state.alertsVideo;
  const page = await getJson("/alerts?pageSize=100" + (video ? "&video=" + encodeURIComponent(video) : ""));
  if (video !== state.alertsVideo) return;
  $("alerts").replaceChildren();
  state.alertIds.clear();
  $("alerts-empty").hidden = page.items.length > 0;
  $("alerts-empty").textContent = video ? "No alert for this video yet." : "No alert yet.";
  for (const a of page.items) addAlert(a, false);
}

function renderAlertFilter() {
  const select = $("alerts-video");
  const known = new Set([...select.options].map(o => o.value));
  for (const v of state.videos.values()) {
    if (known.has(v.videoId)) continue;
    const option = el("option", v.title ?? v.videoId);
    option.value = v.videoId;
    select.append(option);
  }
}

$("alerts-video").addEventListener("change", (event) => {
  state.alertsVideo = event.target.value;
  loadAlerts().catch(() => {});
});

// ---- pipeline, cluster, watchlist --------------------------------------------------------------------------------

function renderPipeline(status) {
  const dl = $("pipeline");
  dl.replaceChildren();
  const row = (k, v) => dl.append(el("dt", k), el("dd", v));
  row("Last sample", status.lastSampleAt ? new Date(status.lastSampleAt).toLocaleTimeString() : "none yet");
  row("Samples", fmt.format(status.samplesAccepted) + " accepted, " + fmt.format(status.samplesIgnored) + " ignored");
  row("Alerts", fmt.format(status.alertsRaised) + " raised, " + fmt.format(status.alertsDelivered) + " delivered");
  for (const s of status.stages) row(s.name, (s.running ? "running: " : "NOT RUNNING: ") + s.detail);
}

async function loadCluster() {
  const [info, cluster] = await Promise.all([getJson("/"), getJson("/cluster/members")]);
  state.info = info;
  $("mode").textContent = info.mode + " · source " + info.source + " · alerts to " + info.alertSink + " · read side " + info.readSide + " · v" + info.version;
  const members = $("members");
  members.replaceChildren();
  for (const m of cluster.members)
    members.append(el("li", m.address + " · " + m.status + (m.roles.length ? " · " + m.roles.join(",") : "")
      + (m.isLeader ? " · leader" : "") + (m.reachable ? "" : " · UNREACHABLE")));
  renderSummary();
}

async function loadWatchlist() {
  const list = await getJson("/watchlist");
  state.watchlist = list;
  const ul = $("targets");
  ul.replaceChildren();
  for (const t of list.targets)
    ul.append(el("li", t.kind + " " + t.id + (t.state === "failing" ? " · failing: " + (t.reason ?? "") : ""),
      t.state === "failing" ? "bad" : undefined));
  // The watchlist is what the YouTube source polls; another source samples its own videos, counted by the read side.
  const source = state.info?.source;
  const tracked = state.summary?.videosTracked;
  if (source === undefined || source === "youtube")
    ul.append(el("li", fmt.format(list.videoCount) + " videos polled", "muted watch-count"));
  else
    ul.append(el("li", (tracked === undefined ? "…" : fmt.format(tracked)) + " videos sampled by the " + source
      + " source (the watchlist is polled with the YouTube source)", "muted watch-count"));
  renderSummary();
}

$("add-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = $("add-result");
  result.textContent = "…";
  const response = await fetch("/watchlist", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Api-Key": $("add-key").value },
    body: JSON.stringify({ url: $("add-url").value.trim() }),
  });
  const body = await response.json().catch(() => ({}));
  result.textContent = response.ok ? "Watching " + body.kind + " " + body.id + (response.status === 200 ? " (already watched)" : "")
    : (body.title ?? "Refused") + ": " + (body.detail ?? response.status);
  if (response.ok) loadWatchlist().catch(() => {});
});

$("sort").addEventListener("change", (event) => { state.sort = event.target.value; loadVideos().catch(() => {}); });

function connect() {
  const events = new EventSource("/events");
  events.addEventListener("ready", () => { $("live").textContent = "live"; $("live").className = "badge on"; });
  events.addEventListener("alert", (e) => addAlert(JSON.parse(e.data), true));
  events.addEventListener("video", (e) => {
    const v = JSON.parse(e.data);
    scheduleVideos();
    appendToChart(v);
  });
  events.onerror = () => { $("live").textContent = "reconnecting"; $("live").className = "badge off"; };
}

const refreshSummary = () => loadSummary().then(() => loadWatchlist()).catch(() => {});
loadCluster().catch(() => {}).finally(refreshSummary);
loadVideos().catch(() => {});
loadAlerts().catch(() => {}).finally(connect);
setTimeout(refreshSummary, 2000); // a second reading soon, so the rates show without waiting a whole period
setInterval(refreshSummary, 5000);
setInterval(() => loadCluster().catch(() => {}), 15000);
loadChannels().catch(() => {});
setInterval(() => loadChannels().catch(() => {}), 15000);
