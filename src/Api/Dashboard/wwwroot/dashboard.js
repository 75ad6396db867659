// The dashboard: reads the REST API and /events. Every string from YouTube goes into the page as text
// (textContent, createElement), never as HTML: titles can contain markup.
"use strict";

const $ = (id) => document.getElementById(id);
const fmt = new Intl.NumberFormat("en");
const state = { sort: "views", selected: null, videos: new Map(), alertIds: new Set(), refresh: null };

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

function gain(n) {
  return n > 0 ? "+" + fmt.format(n) : "0";
}

function renderVideos(items) {
  const body = $("videos").tBodies[0];
  body.replaceChildren();
  $("videos-empty").hidden = items.length > 0;
  for (const v of items) {
    state.videos.set(v.videoId, v);
    const row = el("tr");
    row.dataset.videoId = v.videoId;
    if (v.videoId === state.selected) row.classList.add("selected");
    const title = el("td", null, "title");
    title.append(el("span", v.title ?? v.videoId));
    title.append(el("br"), el("small", v.channelTitle ?? "", "muted"));
    row.append(title,
      el("td", fmt.format(v.viewCount), "num"),
      el("td", gain(v.viewsChange1h), "num" + (v.viewsChange1h > 0 ? " up" : "")),
      el("td", gain(v.viewsChange24h), "num" + (v.viewsChange24h > 0 ? " up" : "")),
      el("td", v.likeCount === null ? "hidden" : fmt.format(v.likeCount), "num hide-narrow"),
      el("td", v.commentCount === null ? "off" : fmt.format(v.commentCount), "num hide-narrow"),
      el("td", fmt.format(v.alertCount), "num hide-narrow"));
    row.addEventListener("click", () => selectVideo(v.videoId));
    body.append(row);
  }
}

async function loadVideos() {
  const page = await getJson("/videos?pageSize=100&sort=" + encodeURIComponent(state.sort));
  renderVideos(page.items);
  if (!state.selected && page.items.length > 0) selectVideo(page.items[0].videoId);
}

function scheduleVideos() {
  // Video updates arrive many a second; the table is redrawn at most once a second.
  if (state.refresh) return;
  state.refresh = setTimeout(() => { state.refresh = null; loadVideos().catch(() => {}); }, 1000);
}

async function selectVideo(videoId) {
  state.selected = videoId;
  for (const row of $("videos").tBodies[0].rows) row.classList.toggle("selected", row.dataset.videoId === videoId);
  const v = state.videos.get(videoId);
  $("chart-title").textContent = v?.title ?? videoId;
  const csv = $("chart-csv");
  csv.href = "/videos/" + encodeURIComponent(videoId) + "/history?format=csv";
  csv.hidden = false;
  await drawChart(videoId);
}

async function drawChart(videoId) {
  const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const history = await getJson("/videos/" + encodeURIComponent(videoId) + "/history?from=" + encodeURIComponent(from));
  if (videoId !== state.selected) return;
  const svg = $("chart");
  const ns = "http://www.w3.org/2000/svg";
  svg.replaceChildren();
  const points = history.points;
  $("chart-range").textContent = points.length === 0 ? "No sample in the last 24 hours."
    : points.length + " samples, " + new Date(points[0].observedAt).toLocaleString() + " to "
      + new Date(points[points.length - 1].observedAt).toLocaleString();
  if (points.length === 0) return;
  const W = 800, H = 260, left = 4, right = 4, top = 6, bottom = 6;
  const t0 = Date.parse(points[0].observedAt), t1 = Date.parse(points[points.length - 1].observedAt);
  let min = Infinity, max = -Infinity;
  for (const p of points) { min = Math.min(min, p.viewCount); max = Math.max(max, p.viewCount); }
  if (max === min) { max += 1; min -= 1; }
  const x = (t) => left + (t1 === t0 ? (W - left - right) / 2 : (t - t0) / (t1 - t0) * (W - left - right));
  const y = (n) => top + (1 - (n - min) / (max - min)) * (H - top - bottom);
  for (const f of [0, 0.5, 1]) {
    const line = document.createElementNS(ns, "line");
    line.setAttribute("class", "grid");
    line.setAttribute("x1", left); line.setAttribute("x2", W - right);
    line.setAttribute("y1", top + f * (H - top - bottom)); line.setAttribute("y2", top + f * (H - top - bottom));
    svg.append(line);
  }
  const path = document.createElementNS(ns, "polyline");
  path.setAttribute("class", "line");
  path.setAttribute("points", points.map(p => x(Date.parse(p.observedAt)).toFixed(1) + "," + y(p.viewCount).toFixed(1)).join(" "));
  svg.append(path);
  // Labels are HTML beside the chart: text inside a stretched SVG would be stretched too.
  $("chart-max").textContent = fmt.format(max) + " views";
  $("chart-min").textContent = fmt.format(min);
}

function describe(alert) {
  return alert.breaches.map(b => {
    if (b.rule.startsWith("milestone:")) return "passed " + fmt.format(b.current) + " " + b.metric;
    if (b.rule.startsWith("new:")) return "new upload";
    return b.metric + " " + (b.deltaPct !== null ? "+" + b.deltaPct + "%" : gain(b.deltaAbs));
  }).join(", ");
}

function addAlert(alert, fresh) {
  if (state.alertIds.has(alert.alertId)) return;
  state.alertIds.add(alert.alertId);
  $("alerts-empty").hidden = true;
  const item = el("li", null, fresh ? "fresh" : "");
  item.dataset.alertId = alert.alertId;
  item.append(el("strong", alert.title ?? alert.videoId), el("br"),
    el("span", describe(alert)), el("span", " · " + new Date(alert.observedAt).toLocaleTimeString(), "muted"));
  const list = $("alerts");
  if (fresh) list.prepend(item); else list.append(item);
  while (list.children.length > 100) list.lastElementChild.remove();
}

async function loadAlerts() {
  const page = await getJson("/alerts?pageSize=50");
  for (const a of page.items) addAlert(a, false);
}

async function loadPipeline() {
  const [info, status, cluster] = await Promise.all([getJson("/"), getJson("/pipeline/status"), getJson("/cluster/members")]);
  $("mode").textContent = info.mode + " · source " + info.source + " · read side " + info.readSide;
  const dl = $("pipeline");
  dl.replaceChildren();
  const row = (k, v) => dl.append(el("dt", k), el("dd", v));
  row("Quota today", status.quota ? fmt.format(status.quota.used) + " of " + fmt.format(status.quota.limit) + " units ("
    + fmt.format(status.quota.left) + " left)" : "not used (" + status.source + " source)");
  row("Last sample", status.lastSampleAt ? new Date(status.lastSampleAt).toLocaleTimeString() : "none yet");
  row("Samples", fmt.format(status.samplesAccepted));
  row("Alerts delivered", fmt.format(status.alertsDelivered));
  for (const s of status.stages) row(s.name, (s.running ? "running: " : "NOT RUNNING: ") + s.detail);
  const members = $("members");
  members.replaceChildren();
  for (const m of cluster.members)
    members.append(el("li", m.address + " · " + m.status + (m.roles.length ? " · " + m.roles.join(",") : "")
      + (m.isLeader ? " · leader" : "") + (m.reachable ? "" : " · UNREACHABLE")));
}

async function loadWatchlist() {
  const list = await getJson("/watchlist");
  const ul = $("targets");
  ul.replaceChildren();
  for (const t of list.targets) ul.append(el("li", t.kind + " " + t.id));
  ul.append(el("li", fmt.format(list.videoCount) + " videos polled", "muted"));
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
    if (v.videoId === state.selected) drawChart(v.videoId).catch(() => {});
  });
  events.onerror = () => { $("live").textContent = "reconnecting"; $("live").className = "badge off"; };
}

loadVideos().catch(() => {});
loadAlerts().catch(() => {}).finally(connect);
loadPipeline().catch(() => {});
loadWatchlist().catch(() => {});
setInterval(() => loadPipeline().catch(() => {}), 10000);
