// readout serve: the browser front-end. Plain script, no dependencies.
// Every piece of data from the API is untrusted: it only ever reaches the page
// through textContent / setAttribute, never through innerHTML.
(() => {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const app = document.getElementById("app");
  const reduceMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  // SVGs are drawn in a smaller coordinate space on phones so their labels stay legible.
  const narrow = () => window.matchMedia?.("(max-width: 760px)").matches ?? false;

  // ---------- DOM helpers ----------

  // h("a", {href: "#/", class: "x"}, "text", child) builds an element.
  function build(el, attrs, children) {
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
  const s = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

  const errorBox = (msg) => h("p", { class: "error", role: "alert" }, msg || "Something went wrong.");
  const loadingBox = () => h("p", { class: "loading", role: "status" }, "Loading…");
  const plural = (n, word) => `${n ?? 0} ${word}${n === 1 ? "" : "s"}`;
  const splitNames = (str) => String(str ?? "").split(";").map((x) => x.trim()).filter(Boolean);
  const enc = encodeURIComponent;
  const arr = (v) => (Array.isArray(v) ? v : []); // a list field that may be missing or null
  const truncate = (str, n) => (str.length > n ? str.slice(0, n - 1) + "…" : str);
  const unquote = (str) => String(str ?? "").replace(/^["“”]+|["“”]+$/g, "");

  // "2025-07-03T10:00:00Z" -> "2025-07-03 10:00"; as written, no time zone games.
  function fmtDate(v, withTime = false) {
    const str = typeof v === "object" && v !== null ? v.iso ?? v.date ?? "" : String(v ?? "");
    const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d))?/.exec(str);
    if (!m) return str;
    return withTime && m[2] ? `${m[1]} ${m[2]}` : m[1];
  }

  // Only http(s) links from the data are rendered as links.
  function safeUrl(u) {
    if (typeof u !== "string" || !u.trim()) return null;
    try {
      const url = new URL(u);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch { return null; }
  }

  const actorLink = (name) => h("a", { href: `#/actor/${enc(name)}` }, name);

  // "A; B" names as actor links, falling back to the codes.
  function actorLinks(names, codes) {
    const list = splitNames(names);
    if (!list.length) return h("span", { class: "codes" }, codes || "?");
    return h("span", {}, list.map((n, i) => [i ? ", " : "", actorLink(n)]));
  }

  // ---------- API ----------

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params ?? {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const url = path + (q.toString() ? `?${q}` : "");
    let res;
    try { res = await fetch(url, { headers: { Accept: "application/json" } }); }
    catch (e) { throw new Error(`Network error: ${e?.message ?? e}`); }
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
    if (body === null) throw new Error("The server sent an unreadable answer.");
    return body;
  }

  // A paged list: appends the items of each page to `list` and keeps a "More"
  // button after it while the server has a next page. Returns once the first
  // page is in (its errors propagate); onPage sees every page's items.
  async function pager(list, fetchPage, renderItem, onPage) {
    let cursor = null;
    const more = h("button", { type: "button", class: "more" }, "More");
    const slot = h("div", { class: "pager" });
    list.after(slot);
    async function load() {
      const page = await fetchPage(cursor);
      const items = arr(page?.items);
      const first = list.children.length;
      for (const it of items) list.append(renderItem(it));
      cursor = page?.next ?? null;
      if (cursor === null) more.remove(); else if (!more.isConnected) slot.append(more);
      onPage?.(items);
      return first;
    }
    more.addEventListener("click", async () => {
      more.disabled = true;
      more.textContent = "Loading…";
      slot.querySelector(".error")?.remove();
      try {
        const first = await load();
        // The button vanished with the last page: keep focus near the new items.
        if (!more.isConnected) list.children[first]?.querySelector("a, button")?.focus();
      } catch (e) {
        slot.append(errorBox(e.message));
      } finally {
        more.disabled = false;
        more.textContent = "More";
      }
    });
    await load();
  }

  // ---------- routing ----------

  let routeToken = 0;
  let storyMin = 1; // the story list's min_articles (the "2+ articles" checkbox)
  let refocus = null; // id of the control to focus after the next render, instead of the heading

  function parseHash() {
    const raw = location.hash.replace(/^#/, "");
    const parts = raw.split("/").slice(1).map((p) => {
      try { return decodeURIComponent(p); } catch { return p; }
    });
    return { name: raw.startsWith("/") ? parts[0] ?? "" : "", parts };
  }

  async function route() {
    const token = ++routeToken;
    const current = () => token === routeToken;
    const { name, parts } = parseHash();
    const search = document.getElementById("search");
    if (name !== "search" && search) search.value = "";
    app.setAttribute("aria-busy", "true");
    app.replaceChildren(loadingBox());
    let view;
    try {
      if (name === "story" && parts[1]) view = await storyPage(parts[1]);
      else if (name === "article" && parts[1]) view = await articlePage(parts[1], parts[2] ?? "");
      else if (name === "actor" && parts[1]) view = await actorPage(parts.slice(1).join("/"));
      else if (name === "search") view = await searchPage(parts.slice(1).join("/"));
      else view = await storiesPage();
    } catch (e) {
      view = { title: "Error", node: h("div", {}, h("h1", { tabindex: "-1" }, "Could not load this page"), errorBox(e.message)) };
    }
    if (!current()) return; // a newer route won
    app.replaceChildren(view.node);
    app.removeAttribute("aria-busy");
    document.title = `${view.title} · readout`;
    window.scrollTo(0, 0);
    const again = refocus && document.getElementById(refocus);
    refocus = null;
    (again || app.querySelector("h1"))?.focus({ preventScroll: true });
    view.after?.();
  }

  // A page: heading (focus target after routing) + body.
  const page = (title, ...children) => h("div", { class: "page" }, h("h1", { tabindex: "-1" }, title), children);

  // ---------- story list ----------

  async function storiesPage() {
    const list = h("ol", { class: "stories" });
    const multi = h("input", { type: "checkbox", id: "multi", checked: storyMin >= 2 });
    multi.addEventListener("change", () => { storyMin = multi.checked ? 2 : 1; refocus = "multi"; route(); });
    const node = page("Stories",
      h("p", { class: "filter" }, h("label", { for: "multi" }, multi, " only stories with 2+ articles")),
      list);
    await pager(list,
      (cursor) => api("/api/stories", { limit: 50, cursor, min_articles: storyMin }),
      (st) => h("li", {}, h("a", { class: "story-link", href: `#/story/${enc(st.id ?? "")}` },
        h("span", { class: "title" }, st.title || "(untitled)"),
        h("span", { class: "meta" }, `${plural(st.articles, "article")} · ${plural(st.sources ?? st.outlets?.length, "outlet")}`),
        h("span", { class: "outlets" }, arr(st.outlets).join(", ")),
        h("span", { class: "dates" }, `first seen ${fmtDate(st.first_seen, true)} · last seen ${fmtDate(st.last_seen, true)}`))));
    if (!list.children.length) list.after(h("p", {}, "No stories yet."));
    return { title: "Stories", node };
  }

  // ---------- story page ----------

  // Inline SVG time axis for one event: a row per outlet, a dot per mention.
  function timeAxis(mentions, [tMin, tMax]) {
    const dated = mentions.map((m) => ({ m, t: Date.parse(m.published ?? "") })).filter((d) => !Number.isNaN(d.t));
    if (!dated.length) return null;
    const outlets = [...new Set(dated.map((d) => d.m.outlet || "unknown outlet"))];
    const [W, L] = narrow() ? [360, 100] : [560, 130];
    const R = 20, ROW = 26, TOP = 14;
    const stack = narrow() && tMax !== tMin; // phones: the two tick labels on two lines
    const H = TOP + outlets.length * ROW + (stack ? 40 : 22);
    const x = (t) => (tMax === tMin ? (L + W - R) / 2 : L + ((t - tMin) / (tMax - tMin)) * (W - L - R));
    const svg = s("svg", { class: "axis", viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Mentions over time by outlet" });
    outlets.forEach((o, i) => {
      const y = TOP + i * ROW + ROW / 2;
      svg.append(s("text", { x: 4, y: y + 4, class: "lbl" }, truncate(o, narrow() ? 12 : 18)),
        s("line", { x1: L, x2: W - R, y1: y, y2: y, class: "row" }));
    });
    for (const { m, t } of dated) {
      const y = TOP + outlets.indexOf(m.outlet || "unknown outlet") * ROW + ROW / 2;
      const tip = `${m.outlet ?? "unknown outlet"}, ${fmtDate(m.published, true)}: ${m.trigger ?? ""}`;
      svg.append(s("a", { href: `#/article/${enc(m.article_id ?? "")}/${enc(m.event ?? "")}`, "aria-label": tip },
        s("circle", { cx: x(t).toFixed(1), cy: y, r: 7, class: "dot" }, s("title", {}, tip))));
    }
    const yb = H - 6;
    svg.append(s("text", { x: L, y: stack ? yb - 18 : yb, class: "tick" }, fmtDate(new Date(tMin).toISOString(), true)));
    if (tMax !== tMin) svg.append(s("text", { x: W - R, y: yb, class: "tick", "text-anchor": "end" }, fmtDate(new Date(tMax).toISOString(), true)));
    return svg;
  }

  function eventBlock(ev, range) {
    const mentions = arr(ev.mentions);
    const flags = [];
    if (ev.negated) flags.push(h("span", { class: "badge neg" }, "negated"));
    if (ev.modality && ev.modality !== "asserted") flags.push(h("span", { class: "badge" }, ev.modality));
    return h("li", { class: "event" },
      h("h3", {}, `${ev.type ?? "EVENT"}${ev.mode ? ` (${ev.mode})` : ""}`, h("span", { class: "cameo" }, ` CAMEO ${ev.cameo ?? "?"}`)),
      h("p", { class: "actors" }, actorLinks(ev.source_names, ev.source_codes), " → ", actorLinks(ev.target_names, ev.target_codes)),
      h("p", { class: "meta" }, flags, ev.date ? `on ${ev.date} · ` : "", plural(mentions.length, "mention"),
        ` · ${plural(ev.articles, "article")} · ${plural(ev.sources, "outlet")}`),
      timeAxis(mentions, range),
      h("ul", { class: "mentions" }, mentions.map((m) => h("li", {},
        h("a", { class: "mention", href: `#/article/${enc(m.article_id ?? "")}/${enc(m.event ?? "")}` },
          `${m.outlet ?? "unknown outlet"} · ${fmtDate(m.published, true) || "undated"} · “${m.trigger ?? ""}”`)))));
  }

  function quoteGroups(quotes) {
    const groups = new Map();
    for (const q of quotes) {
      const who = q.speaker_name || q.source || "unattributed";
      if (!groups.has(who)) groups.set(who, []);
      groups.get(who).push(q);
    }
    return [...groups].map(([who, qs]) => h("section", { class: "quote-group" },
      h("h3", {}, who),
      h("ul", {}, qs.map((q) => {
        const chain = [q.speaker_name || q.source || "unattributed", ...splitNames(q.relays), q.outlet].filter(Boolean);
        return h("li", { class: "quote" },
          h("blockquote", {}, `“${unquote(q.content)}”`),
          h("p", { class: "meta" }, q.cue ? `cue: ${q.cue} · ` : "", h("span", { class: "chain" }, chain.join(" → "))),
          h("a", { class: "quote-link", href: `#/article/${enc(q.article_id ?? "")}/${enc(q.quote ?? "")}` },
            `In ${q.outlet ?? "the article"}${q.published ? `, ${fmtDate(q.published)}` : ""}`));
      }))));
  }

  async function storyPage(id) {
    const data = await api(`/api/stories/${enc(id)}`);
    const st = data.story ?? data;
    const events = arr(data.events), quotes = arr(data.quotes), claims = arr(data.claims);
    // "articles" is a count on a Story but the article list on the story page: accept both.
    const articles = arr(data.articles ?? data.article_list);
    const articleCount = typeof st.articles === "number" ? st.articles : articles.length;
    // One time scale for every mention of the story.
    const times = events.flatMap((e) => arr(e.mentions).map((m) => Date.parse(m.published ?? ""))).filter((t) => !Number.isNaN(t));
    const range = times.length ? [Math.min(...times), Math.max(...times)] : [0, 0];
    const title = st.title || `Story ${id}`;
    const node = page(title,
      h("p", { class: "meta" }, `${plural(articleCount, "article")} · ${plural(st.sources, "outlet")} · ${plural(st.event_count ?? events.length, "event")}`,
        st.first_seen ? ` · ${fmtDate(st.first_seen, true)} to ${fmtDate(st.last_seen, true)}` : ""),
      arr(st.outlets).length ? h("p", { class: "outlets" }, arr(st.outlets).join(", ")) : null,
      h("section", { "aria-labelledby": "h-events" }, h("h2", { id: "h-events" }, "Events"),
        events.length ? h("ul", { class: "events" }, events.map((e) => eventBlock(e, range))) : h("p", {}, "No coded events.")),
      h("section", { "aria-labelledby": "h-quotes" }, h("h2", { id: "h-quotes" }, "Quotations"),
        quotes.length ? quoteGroups(quotes) : h("p", {}, "No quotations.")),
      h("section", { "aria-labelledby": "h-articles" }, h("h2", { id: "h-articles" }, "Articles"),
        h("ul", { class: "articles" }, articles.map((a) => h("li", {},
          h("a", { href: `#/article/${enc(a.id ?? "")}` }, a.title || "(untitled)"),
          h("span", { class: "meta" }, ` ${a.source ?? ""} · ${fmtDate(a.published, true)}`))))),
      claims.length ? h("section", { "aria-labelledby": "h-claims" }, h("h2", { id: "h-claims" }, "Claims"),
        h("ul", { class: "claims" }, claims.map((c) => h("li", {},
          h("span", { class: `verdict ${["agree", "disagree"].includes(c.verdict) ? c.verdict : "not_enough_data"}` },
            String(c.verdict ?? "not_enough_data").replace(/_/g, " ")),
          " ", h("q", {}, c.text ?? ""),
          h("span", { class: "meta" }, ` claims #${c.ordinal ?? "?"}${c.anchor ? ` since ${c.anchor}` : ""}; found ${c.found ?? "?"}`,
            c.type ? ` ${c.type}` : "", c.codes ? ` (${c.codes})` : "", " · "),
          h("a", { href: `#/article/${enc(c.article_id ?? "")}` }, "article"))))) : null);
    return { title, node };
  }

  // ---------- article page ----------

  // Byte offset (UTF-8) -> UTF-16 index. Bytes inside a character map to its start.
  function byteIndex(text) {
    const total = new TextEncoder().encode(text).length;
    const map = new Uint32Array(total + 1);
    let b = 0, i = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // lone surrogates become U+FFFD: 3
      for (let k = 0; k < n; k++) map[b + k] = i;
      b += n;
      i += ch.length;
    }
    map[total] = text.length;
    return (off) => map[Math.max(0, Math.min(total, Number(off) || 0))];
  }

  // The facts of a record, each {key, kind, cls (highlight class), spans: [{start,end}] in bytes,
  // label (plain text), parts (the fact button's content)}.
  function recordFacts(rec) {
    const facts = [], used = new Set();
    const add = (kind, cls, prefix, f, i, spans, label, parts) => {
      let key = String(f?.id ?? `${prefix}${i + 1}`);
      if (used.has(key)) key = `${prefix}-${key}`;
      used.add(key);
      facts.push({ key, kind, cls, spans: spans.filter((x) => x && Number.isFinite(x.start) && Number.isFinite(x.end)), label, parts });
    };
    arr(rec.quotes).forEach((q, i) => {
      const relays = arr(q.relays).map((r) => r?.text).filter(Boolean);
      const who = q.speaker_name || q.source?.text || "unattributed";
      add("quote", "hl-quote", "q", q, i, [q.in_title ? null : q.content, q.source, q.cue], `quotation of ${who}`, [
        h("strong", {}, who),
        q.cue?.text ? ` ${q.cue.text}` : "", relays.length ? ` via ${relays.join(" → ")}` : "",
        h("span", { class: "excerpt" }, `${q.in_title ? "(headline) " : ""}“${truncate(unquote(q.content?.text), 140)}”`)]);
    });
    arr(rec.events).forEach((v, i) => {
      const side = (xs) => arr(xs).map((a) => a?.text || a?.code || "?").join(", ") || "?";
      const triggers = arr(v.mentions).map((m) => m?.trigger);
      add("event", "hl-event", "v", v, i, triggers, `event ${v.type ?? ""} ${side(v.source)} → ${side(v.target)}`, [
        h("strong", {}, `${v.type ?? "EVENT"}${v.mode ? ` (${v.mode})` : ""}`), ` CAMEO ${v.cameo ?? "?"}`,
        v.negated ? " · negated" : "", v.modality && v.modality !== "asserted" ? ` · ${v.modality}` : "",
        h("span", { class: "excerpt" }, `${side(v.source)} → ${side(v.target)}`),
        h("span", { class: "excerpt" }, `trigger: ${triggers.map((t) => t?.text ?? "").filter(Boolean).join(" / ")}`)]);
    });
    arr(rec.entities).forEach((e, i) => {
      const mentions = arr(e.mentions).length ? arr(e.mentions) : [e.name];
      const code = [e.code?.country, e.code?.sector].filter(Boolean).join(" ");
      add("entity", "hl-entity", "e", e, i, mentions, `entity ${e.name?.text ?? "?"}`, [
        h("strong", {}, e.name?.text ?? "?"), ` ${e.type ?? ""}`, code ? ` · ${code}` : "",
        ` · ${plural(arr(e.mentions).length, "mention")}`]);
    });
    arr(rec.times).forEach((t, i) => {
      add("time", "hl-time", "t", t, i, [t], `time ${t.text ?? ""} → ${t.value ?? "unresolved"}`, [
        h("strong", {}, t.text ?? ""), ` → ${t.value ?? "unresolved"}`, t.mod ? ` (${t.mod})` : "", ` · ${t.type ?? ""}`]);
    });
    return facts;
  }

  const KINDS = [["quote", "Quotations"], ["event", "Events"], ["entity", "Entities"], ["time", "Times"]];

  async function articlePage(id, factId) {
    const data = await api(`/api/articles/${enc(id)}`);
    const art = data.article ?? {}, rec = data.record ?? {};
    const text = String(rec.text ?? art.text ?? ""); // the text the record's spans index
    const toIdx = byteIndex(text);
    const facts = recordFacts(rec);
    const byKey = new Map(facts.map((f) => [f.key, Object.assign(f, { segs: [], btn: null })]));

    // Cut the text at every span boundary; each piece knows the facts covering it.
    const pieces = [];
    for (const f of facts) for (const sp of f.spans) {
      const a = toIdx(sp.start), b = toIdx(sp.end);
      if (b > a) pieces.push({ f, a, b });
    }
    const bounds = [...new Set([0, text.length, ...pieces.flatMap((p) => [p.a, p.b])])].sort((x, y) => x - y);
    const cover = bounds.map(() => []);
    for (const p of pieces) {
      let lo = 0, hi = bounds.length - 1; // binary search for p.a
      while (lo < hi) { const mid = (lo + hi) >> 1; if (bounds[mid] < p.a) lo = mid + 1; else hi = mid; }
      for (let k = lo; bounds[k] < p.b; k++) if (!cover[k].includes(p.f)) cover[k].push(p.f);
    }
    const textEl = h("div", { class: "text", lang: art.language || rec.language || null });
    for (let k = 0; k + 1 < bounds.length; k++) {
      const chunk = text.slice(bounds[k], bounds[k + 1]);
      if (!cover[k].length) { textEl.append(chunk); continue; }
      const seg = h("span", { class: `seg ${[...new Set(cover[k].map((f) => f.cls))].join(" ")}`, tabindex: "0",
        "data-facts": cover[k].map((f) => f.key).join(" "), title: cover[k].map((f) => f.key).join(", ") }, chunk);
      cover[k].forEach((f) => f.segs.push(seg));
      textEl.append(seg);
    }

    // The facts panel.
    const spanFacts = h("div", { id: "span-facts", class: "span-facts", hidden: true });
    const panel = h("aside", { class: "facts", "aria-labelledby": "h-facts" }, h("h2", { id: "h-facts" }, "Facts"), spanFacts);
    for (const [kind, label] of KINDS) {
      const list = facts.filter((f) => f.kind === kind);
      if (!list.length) continue;
      panel.append(h("section", {}, h("h3", {}, `${label} (${list.length})`), h("ul", {}, list.map((f) => {
        f.btn = h("button", { type: "button", class: `fact fact-${kind}`, "data-fact": f.key, "aria-pressed": "false",
          onclick: () => choose(f.key) }, h("span", { class: "fid" }, f.key), " ", f.parts);
        return h("li", {}, f.btn);
      }))));
    }
    if (!facts.length) panel.append(h("p", {}, "No facts were extracted from this article."));

    function clearMarks() {
      panel.querySelectorAll(".fact").forEach((b) => { b.setAttribute("aria-pressed", "false"); b.classList.remove("covering"); });
      textEl.querySelectorAll(".selected, .current").forEach((x) => x.classList.remove("selected", "current"));
      spanFacts.hidden = true;
      spanFacts.replaceChildren();
    }
    const setHash = (fact) => history.replaceState(null, "", `#/article/${enc(id)}${fact ? `/${enc(fact)}` : ""}`);

    // Choose a fact: press its button, mark its text, scroll there.
    function choose(key, scroll = true) {
      const f = byKey.get(key);
      if (!f) return;
      const wasOn = f.btn?.getAttribute("aria-pressed") === "true";
      clearMarks();
      if (wasOn) { setHash(""); return; }
      f.btn?.setAttribute("aria-pressed", "true");
      f.segs.forEach((x) => x.classList.add("selected"));
      setHash(key);
      const target = f.segs[0] ?? f.btn;
      if (scroll) target?.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    }

    // Choose a text segment: show and mark the facts covering it.
    function chooseSegment(seg) {
      clearMarks();
      seg.classList.add("current");
      const keys = (seg.dataset.facts ?? "").split(" ").filter((k) => byKey.has(k));
      keys.forEach((k) => byKey.get(k).btn?.classList.add("covering"));
      spanFacts.append(h("p", {}, `“${truncate(seg.textContent ?? "", 60)}” is part of:`),
        h("ul", {}, keys.map((k) => {
          const f = byKey.get(k);
          return h("li", {}, h("button", { type: "button", class: "span-fact", onclick: () => choose(k) },
            `${f.key}: ${truncate(f.label, 80)}`));
        })));
      spanFacts.hidden = false;
    }
    textEl.addEventListener("click", (e) => { const seg = e.target.closest?.(".seg"); if (seg) chooseSegment(seg); });
    textEl.addEventListener("keydown", (e) => {
      const seg = e.target.closest?.(".seg");
      if (seg && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); chooseSegment(seg); }
    });

    const title = art.title || rec.title || "(untitled)";
    const url = safeUrl(art.url ?? rec.url);
    const storyId = art.story_id ?? rec.story_id;
    const legend = h("p", { class: "legend" }, "Marks: ",
      KINDS.map(([k, label]) => [h("span", { class: `seg hl-${k}` }, label.toLowerCase()), " "]),
      "— select a marked passage to see its facts.");
    const node = page(title,
      h("p", { class: "meta" }, art.source ?? rec.source ?? "unknown outlet", " · ", fmtDate(art.published ?? rec.published, true) || "undated",
        storyId !== null && storyId !== undefined ? [" · ", h("a", { href: `#/story/${enc(storyId)}` }, `story ${storyId}`)] : "",
        url ? [" · ", h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original")] : ""),
      h("div", { class: "article-layout" },
        h("section", { class: "article-text", "aria-labelledby": "h-text" }, h("h2", { id: "h-text", class: "visually-hidden" }, "Text"), legend, textEl),
        panel));
    return { title, node, after: () => { if (factId && byKey.has(factId)) choose(factId); } };
  }

  // ---------- actor page ----------

  // The counterparts of `actor` in its events, with counts, most frequent first.
  function counterparts(events, actor) {
    const needle = actor.toLowerCase();
    const hit = (names, codes) => String(names ?? "").toLowerCase().includes(needle) || String(codes ?? "").toLowerCase().includes(needle);
    const counts = new Map();
    for (const ev of events) {
      const asSource = hit(ev.source_names, ev.source_codes), asTarget = hit(ev.target_names, ev.target_codes);
      const others = asSource && !asTarget ? splitNames(ev.target_names)
        : asTarget && !asSource ? splitNames(ev.source_names)
        : [...splitNames(ev.source_names), ...splitNames(ev.target_names)];
      for (const n of new Set(others)) {
        const l = n.toLowerCase();
        if (l === needle || l.includes(needle)) continue;
        counts.set(n, (counts.get(n) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  function counterpartGraph(actor, pairs) {
    const shown = pairs.slice(0, 16);
    const [W, H, r, cut] = narrow() ? [400, 380, 100, 13] : [600, 420, 150, 22];
    const cx = W / 2, cy = H / 2;
    const max = Math.max(1, ...shown.map((p) => p[1]));
    const svg = s("svg", { class: "graph", viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": `Counterparts of ${actor}` });
    const nodes = [];
    shown.forEach(([name, n], i) => {
      const ang = (2 * Math.PI * i) / shown.length - Math.PI / 2;
      const x = cx + r * Math.cos(ang), y = cy + r * Math.sin(ang);
      svg.append(s("line", { x1: cx, y1: cy, x2: x.toFixed(1), y2: y.toFixed(1), class: "edge", "stroke-width": (1 + (7 * n) / max).toFixed(1) }));
      const right = Math.cos(ang) >= 0;
      nodes.push(s("a", { href: `#/actor/${enc(name)}`, "aria-label": `${name}: ${plural(n, "event")}` },
        s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 9, class: "node" }, s("title", {}, `${name}: ${plural(n, "event")}`)),
        s("text", { x: (x + (right ? 14 : -14)).toFixed(1), y: (y + 5).toFixed(1), "text-anchor": right ? "start" : "end", class: "lbl" }, truncate(name, cut))));
    });
    svg.append(...nodes, s("circle", { cx, cy, r: 14, class: "centre" }),
      s("text", { x: cx, y: cy + 34, "text-anchor": "middle", class: "lbl centre-lbl" }, truncate(actor, 28)));
    return svg;
  }

  async function actorPage(actor) {
    const reg = api("/api/actors", { name: actor, limit: 20 });
    const regSec = h("section", { "aria-labelledby": "h-reg" }, h("h2", { id: "h-reg" }, "Registry"));
    const graphHost = h("div", { class: "graph-host" });
    const cpList = h("ul", { class: "counterparts" });
    const timeline = h("ol", { class: "timeline" });
    const events = [];
    const tlSec = h("section", { "aria-labelledby": "h-tl" }, h("h2", { id: "h-tl" }, "Timeline"), timeline);
    const tlLoad = pager(timeline,
      (cursor) => api("/api/timeline", { actor, limit: 100, cursor }),
      (ev) => h("li", {},
        h("span", { class: "date" }, ev.date || fmtDate(ev.first_seen) || "undated"), " ",
        h("strong", {}, `${ev.type ?? "EVENT"}${ev.mode ? ` (${ev.mode})` : ""}`), ` CAMEO ${ev.cameo ?? "?"} `,
        ev.negated ? h("span", { class: "badge neg" }, "negated") : "",
        h("span", { class: "actors" }, actorLinks(ev.source_names, ev.source_codes), " → ", actorLinks(ev.target_names, ev.target_codes)), " ",
        ev.story_id !== null && ev.story_id !== undefined ? h("a", { href: `#/story/${enc(ev.story_id)}` }, `story ${ev.story_id}`) : ""),
      (items) => {
        events.push(...items);
        const pairs = counterparts(events, actor);
        graphHost.replaceChildren(pairs.length ? counterpartGraph(actor, pairs) : h("p", {}, "No counterparts yet."));
        cpList.replaceChildren(...pairs.map(([n, c]) => h("li", {}, actorLink(n), ` (${plural(c, "event")})`)));
      });
    const [r1, r2] = await Promise.allSettled([reg, tlLoad]);
    if (r1.status === "fulfilled") {
      const rows = arr(r1.value?.items);
      regSec.append(rows.length ? h("div", { class: "table-wrap" }, h("table", {},
        h("thead", {}, h("tr", {}, ["Name", "Country", "Sector", "Articles", "First seen", "Last seen", "Source"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rows.map((a) => h("tr", {}, h("td", {}, actorLink(a.name ?? "")), h("td", {}, a.country ?? ""), h("td", {}, a.sector ?? ""),
          h("td", {}, a.articles ?? ""), h("td", {}, fmtDate(a.first_seen)), h("td", {}, fmtDate(a.last_seen)), h("td", {}, a.source ?? ""))))))
        : h("p", {}, "Not in the actor registry."));
    } else regSec.append(errorBox(r1.reason?.message));
    if (r2.status === "rejected") tlSec.append(errorBox(r2.reason?.message));
    else if (!events.length) timeline.before(h("p", {}, "No events on record."));
    const node = page(actor, regSec,
      h("section", { "aria-labelledby": "h-cp" }, h("h2", { id: "h-cp" }, "Counterparts"), graphHost, cpList),
      tlSec);
    return { title: actor, node };
  }

  // ---------- search ----------

  // "words around [the match] ..." -> text with <mark> for the bracketed parts.
  function snippet(str) {
    const p = h("p", { class: "snippet" });
    let last = 0;
    for (const m of String(str ?? "").matchAll(/\[([^\]]*)\]/g)) {
      p.append(str.slice(last, m.index), h("mark", {}, m[1]));
      last = m.index + m[0].length;
    }
    p.append(String(str ?? "").slice(last));
    return p;
  }

  async function searchPage(q) {
    const search = document.getElementById("search");
    if (search) search.value = q;
    if (!q.trim()) return { title: "Search", node: page("Search", h("p", {}, "Type some words in the search box.")) };
    const list = h("ol", { class: "hits" });
    const title = `Search: ${q}`;
    const node = page(title, list);
    await pager(list,
      (cursor) => api("/api/search", { q, limit: 20, cursor }),
      (hit) => h("li", {},
        h("a", { class: "hit-title", href: `#/article/${enc(hit.id ?? "")}` }, hit.title || "(untitled)"),
        h("span", { class: "meta" }, `${hit.source ?? "unknown outlet"} · ${fmtDate(hit.published, true)}`),
        snippet(hit.snippet),
        hit.story_id !== null && hit.story_id !== undefined ? h("a", { href: `#/story/${enc(hit.story_id)}` }, `story ${hit.story_id}`) : ""));
    if (!list.children.length) list.after(h("p", {}, "No results."));
    return { title, node };
  }

  // ---------- start ----------

  document.getElementById("search-form")?.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("search")?.value.trim() ?? "";
    if (q) location.hash = `#/search/${enc(q)}`;
  });
  // The skip link must not change the hash (that would be a route).
  document.querySelector(".skip")?.addEventListener("click", (e) => {
    e.preventDefault();
    (app.querySelector("h1") ?? app).focus();
  });
  window.addEventListener("hashchange", route);
  route();
})();
