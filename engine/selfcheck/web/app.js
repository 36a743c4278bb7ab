// The self-check page: the interview of `subsidy interview`, one question at a time, in the browser.
// The server decides which question matters (POST /api/v1/interview); this script only shows it,
// reads the answer as typed and shows the result. Everything that comes from the server or from the
// person goes onto the page through textContent, never as HTML, so an applicant's name is only text.
"use strict";

const TEXT = {
  zh: {
    title: "山东省机器人产业科技创新行动计划(2026—2028年)政策自助测评",
    subtitle: "鲁科字〔2025〕165号 · 只问与您能否享受政策有关的问题",
    intro: "逐题回答,系统会跳过与您无关的问题。不清楚的可以跳过,结果中会列出尚缺的信息。",
    asOf: "评估日期", asOfHint: "默认为今天;资格按此日期有效的政策判断",
    progress: (n) => `已回答 ${n} 题`,
    needed: (titles) => `此问题影响:${titles}`,
    why: "为什么问这个?", forAmount: "用于计算金额", planSection: (s) => `(计划第 ${s} 条)`,
    next: "下一题", skip: "不清楚,跳过", finish: "现在查看结果", change: "修改",
    answers: "您的回答", skipped: (n) => `已跳过 ${n} 题`,
    result: "测评结果", total: (a) => `可申请资金合计:${a}`, assessed: (d, r) => `评估日期 ${d} · 规则 ${r}`,
    download: "下载申请数据(JSON)", restart: "重新开始", answerMissing: "请填写答案,或点击“不清楚,跳过”",
    yes: "是", no: "否", noneOfThese: "以上都不是",
    status: { eligible: "符合", ineligible: "不符合", undetermined: "待定(信息不足)", not_in_effect: "不在有效期" },
    amount: (a) => `金额 ${a}`, upTo: (a) => `最高 ${a}`, yuan: (n) => `${n} 元`,
    criteria: "条件", missing: "尚缺信息(点击补充):", basis: (s) => `政策依据 ${s}:`,
    advice: "如何满足条件", adviceHint: "只改动您能改变的事项;每个方案都已重新评估核实。",
    hint: {
      yuan: "金额(元),可写 320万、3.2亿 或 3,200,000", count: "整数", year: "四位年份,例如 2026",
      date: "日期", code: "可输入名称(如 济南、历下区、工业机器人),也可从列表中选择或直接输入代码", set: "可多选",
      text: "", enum: "", bool: "",
    },
    serviceError: (s) => `服务暂时不可用(${s}),请稍后重试。`,
    footer: "本测评依据《山东省机器人产业科技创新行动计划(2026—2028年)》,结果仅供参考,以主管部门审核为准。",
    other: "English",
  },
  en: {
    title: "Self-check: Shandong Robot Industry Sci-Tech Innovation Action Plan (2026–2028)",
    subtitle: "Lu Ke Zi [2025] No. 165 · asks only what decides your eligibility",
    intro: "Answer one question at a time; questions that cannot matter to you are skipped. "
      + "If you do not know an answer, skip it: the result lists what is still missing.",
    asOf: "Assessment date", asOfHint: "today unless you choose; eligibility follows the rules in force that day",
    progress: (n) => `${n} answered`,
    needed: (titles) => `This question matters for: ${titles}`,
    why: "Why is this asked?", forAmount: "used to work out the amount", planSection: (s) => ` (plan section ${s})`,
    next: "Next", skip: "Don't know, skip", finish: "Show the result now", change: "Change",
    answers: "Your answers", skipped: (n) => `${n} skipped`,
    result: "Result", total: (a) => `Total funding you may apply for: ${a}`,
    assessed: (d, r) => `Assessed on ${d} · rules ${r}`,
    download: "Download the application (JSON)", restart: "Start again",
    answerMissing: "Please answer, or choose “Don't know, skip”",
    yes: "Yes", no: "No", noneOfThese: "None of these",
    status: { eligible: "Eligible", ineligible: "Not eligible", undetermined: "Undetermined (information missing)",
      not_in_effect: "Not in effect" },
    amount: (a) => `Amount ${a}`, upTo: (a) => `Up to ${a}`, yuan: (n) => `${n} yuan`,
    criteria: "Criteria", missing: "Still missing (click to answer):", basis: (s) => `The plan, section ${s}:`,
    advice: "How to qualify", adviceHint: "Only what you can change is changed; every plan was re-evaluated to check it.",
    hint: {
      yuan: "An amount in yuan; 320万, 3.2亿 or 3,200,000 also work", count: "A whole number",
      year: "A four-digit year, e.g. 2026", date: "A date",
      code: "Type a name (Jinan, 历下区, 工业机器人), pick from the list or type the code",
      set: "Tick all that apply", text: "", enum: "", bool: "",
    },
    serviceError: (s) => `The service is unavailable (${s}); please try again later.`,
    footer: "Based on Shandong's Robot Industry Sci-Tech Innovation Action Plan (2026–2028). "
      + "For guidance only; the competent department decides.",
    other: "中文",
  },
};
const MARK = { pass: "✓", fail: "✗", unknown: "?" };

const query = new URLSearchParams(location.search);
const state = {
  lang: query.get("lang") === "en" ? "en" : "zh",
  application: query.get("as_of") ? { as_of: query.get("as_of") } : {},
  skipped: [], answered: [], question: null, result: null, errors: [], fields: {}, provisions: {}, steps: 0,
  rejected: null,  // {field, text}: an answer the server refused stays in its box, to be corrected
};

const $ = (id) => document.getElementById(id);
const t = () => TEXT[state.lang];
const pick = (pair) => (pair ? pair[state.lang] : "");

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "data") Object.assign(node.dataset, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function money(amount) {
  return t().yuan(new Intl.NumberFormat(state.lang === "zh" ? "zh-CN" : "en-GB").format(amount));
}

function valueAt(path) {
  const [section, name] = path.split(".");
  const holder = state.application[section];
  return name === undefined ? holder : holder && holder[name];
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method, headers: { "Content-Type": "application/json" }, body: body && JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  return { status: response.status, data };
}

async function step(extra = {}) {
  const body = { application: state.application, skipped: state.skipped, ...extra };
  let reply;
  try {
    reply = await call("POST", "/api/v1/interview", body);
  } catch (err) {
    return serviceError(String(err));
  }
  if (reply.status === 422) {
    state.errors = reply.data.errors;
    state.rejected = extra.answer || null;
  } else if (reply.status !== 200) {
    return serviceError(reply.status);
  } else {
    Object.assign(state, {
      application: reply.data.application, answered: reply.data.answered,
      question: reply.data.question, result: reply.data.result, errors: [], rejected: null,
    });
  }
  render();
}

function serviceError(what) {
  const box = $("service-error");
  box.hidden = false;
  box.textContent = t().serviceError(what);
}

function control(q) {
  // What the box shows: the answer just refused (so it can be corrected), else the answer given before.
  const rejected = state.rejected && state.rejected.field === q.field ? state.rejected.text : null;
  const current = rejected !== null && !["enum", "bool"].includes(q.kind)
    ? (q.kind === "set" ? rejected.split(";") : rejected) : valueAt(q.field);
  const box = el("div", { class: `control kind-${q.kind}` });
  const choice = (type, value, label, checked) => el("label", { class: "choice" },
    el("input", { type, name: "answer", value, checked }), " ", label);
  if (q.kind === "enum") {
    for (const c of q.choice_labels) box.append(choice("radio", c.value, c[state.lang], current === c.value));
  } else if (q.kind === "bool") {
    box.append(choice("radio", "true", t().yes, current === true), choice("radio", "false", t().no, current === false));
  } else if (q.kind === "set") {
    const chosen = Array.isArray(current) ? current : [];
    for (const c of q.choice_labels) box.append(choice("checkbox", c.value, c[state.lang], chosen.includes(c.value)));
    box.append(choice("checkbox", "无", t().noneOfThese, Array.isArray(current) && current.length === 0));
  } else {
    const input = el("input", {
      id: "answer", name: "answer", type: q.kind === "date" ? "date" : "text", autocomplete: "off",
      value: current === undefined || current === null ? "" : String(current),
      inputMode: ["yuan", "count", "year"].includes(q.kind) ? "numeric" : "text",
    });
    input.setAttribute("aria-labelledby", "q-label");
    input.setAttribute("aria-describedby", "q-errors q-hint");
    if (rejected !== null) input.setAttribute("aria-invalid", "true");
    box.append(input);
    if (q.suggestions.length) {
      const list = el("datalist", { id: "suggestions" },
        ...q.suggestions.map((s) => el("option", { value: s.value, label: `${s.value} ${s[state.lang]}` })));
      input.setAttribute("list", "suggestions");
      box.append(list);
    }
  }
  return box;
}

function readAnswer(q) {
  const form = $("question");
  if (q.kind === "set") {
    const ticked = [...form.querySelectorAll("input[name=answer]:checked")].map((i) => i.value);
    if (ticked.includes("无")) return "无";
    return ticked.length ? ticked.join(";") : null;
  }
  if (q.kind === "enum" || q.kind === "bool") {
    const ticked = form.querySelector("input[name=answer]:checked");
    return ticked ? ticked.value : null;
  }
  const text = $("answer").value.trim();
  return text || null;
}

function renderQuestion() {
  const q = state.question;
  $("ask").hidden = !q;
  if (!q) return;
  $("question").dataset.field = q.field;
  $("progress").textContent = t().progress(state.answered.length);
  $("q-label").textContent = pick(q.label);
  $("q-control").replaceChildren(control(q));
  $("q-hint").textContent = t().hint[q.kind] || "";
  $("q-section").textContent = q.section ? pick(q.section) : "";
  renderWhy(q);
  const titles = q.needed_by.map((id) => pick(state.provisions[id]) || id);
  $("q-needed").textContent = titles.length ? t().needed(titles.join(state.lang === "zh" ? "、" : ", ")) : "";
  $("q-errors").replaceChildren(...state.errors.map((e) => el("li", {}, pick(e.msg),
    e.input === undefined ? null : el("span", { class: "input" }, ` (${e.input})`))));
  $("next").textContent = t().next;
  $("skip").textContent = t().skip;
  $("finish").textContent = t().finish;
  const first = $("q-control").querySelector("input");
  if (first) first.focus();
}

// The `?` of the terminal interview: every provision waiting for the answer, and the criteria that read it.
function renderWhy(q) {
  const serves = q.serves || [];
  $("q-why").hidden = !serves.length;
  $("q-why-summary").textContent = t().why;
  $("q-why-list").replaceChildren(...serves.map((s) => el("li", { data: { provision: s.provision } },
    pick(s.title), t().planSection(s.section),
    el("ul", {}, ...(s.criteria.length ? s.criteria.map((c) => el("li", {}, pick(c))) : [el("li", {}, t().forAmount)])))));
}

function renderAnswers() {
  $("answers").hidden = !state.answered.length && !state.skipped.length;
  $("answers-heading").textContent = t().answers;
  $("answer-list").replaceChildren(...state.answered.map((a) => el("li", { data: { field: a.field } },
    el("span", { class: "label" }, pick(a.label)), ":", el("span", { class: "value" }, pick(a.shown)), " ",
    el("button", { type: "button", class: "link", onclick: () => ask(a.field) }, t().change))));
  $("skipped").textContent = state.skipped.length ? t().skipped(state.skipped.length) : "";
}

function criterion(c) {
  return el("li", { class: `criterion ${c.result}`, data: { criterion: c.id, result: c.result } },
    el("span", { class: "mark" }, MARK[c.result] || c.result), " ", el("span", {}, pick(c.label)),
    el("span", { class: "muted" }, " — ", pick(c.explanation)));
}

function provision(r) {
  const amount = r.amount !== null && r.amount !== undefined
    ? el("p", { class: "amount", data: { amount: String(r.amount) } }, t().amount(money(r.amount)))
    : r.max_amount ? el("p", { class: "max muted" }, t().upTo(money(r.max_amount))) : null;
  // Missing answers matter only while the status is open: they cannot change a fail into a pass.
  const missing = r.status === "undetermined" && r.missing.length ? el("p", { class: "missing" }, t().missing, " ",
    ...r.missing.map((f) => el("button", { type: "button", class: "link", data: { field: f }, onclick: () => ask(f) },
      pick(state.fields[f] && state.fields[f].label) || f))) : null;
  return el("article", { class: `provision ${r.status}`, data: { provision: r.provision, status: r.status } },
    el("h3", {}, pick(r.title), " ", el("span", { class: "status" }, t().status[r.status] || r.status)),
    amount,
    missing ? null : el("p", { class: "explanation" }, pick(r.explanation)),
    r.amount_explanation ? el("p", { class: "muted" }, pick(r.amount_explanation)) : null,
    r.benefit ? el("p", { class: "benefit" }, pick(r.benefit)) : null,
    missing,
    el("details", {}, el("summary", {}, t().criteria), el("ul", { class: "criteria" }, ...r.criteria.map(criterion))),
    el("blockquote", { class: "citation" }, t().basis(r.citation.section), r.citation.text));
}

// The "how to qualify" section: plans (the least changes to what the applicant controls, re-evaluated on the
// server) and the criteria nothing can change. Facts still to supply are already on each provision above.
function advice(a) {
  const items = [
    ...a.changes.map((c) => el("li", { class: "change", data: { field: c.field } }, pick(c.explanation))),
    ...a.score_changes.map((s) => el("li", { class: "score muted", data: { score: s.score } },
      `${pick(s.label)} ${s.before ?? "?"} → ${s.after ?? "?"}`)),
    ...a.blocking.map((b) => el("li", { class: "blocking", data: { criterion: b.criterion } },
      MARK.fail, " ", pick(b.label), el("span", { class: "muted" }, " — ", pick(b.explanation)))),
  ];
  const data = { provision: a.provision, kind: a.kind };
  if (a.then_amount !== null && a.then_amount !== undefined) data.amount = String(a.then_amount);
  return el("article", { class: `advice ${a.kind}`, data },
    el("h4", {}, pick(a.title)), el("p", {}, pick(a.explanation)), items.length ? el("ul", {}, ...items) : null);
}

function renderAdvice(res) {
  const shown = (res.advice || []).filter((a) => a.kind !== "supply" || a.status === "ineligible");
  const order = { plan: 0, none: 1, supply: 2, blocked: 3 };
  shown.sort((a, b) => order[a.kind] - order[b.kind]);
  $("advice").hidden = !shown.length;
  $("advice-heading").textContent = t().advice;
  $("advice-hint").textContent = t().adviceHint;
  $("advice-list").replaceChildren(...shown.map(advice));
}

function renderResult() {
  const res = state.result;
  $("result").hidden = !res;
  if (!res) return;
  $("result-heading").textContent = t().result;
  $("total").textContent = t().total(money(res.total_amount));
  $("total").dataset.amount = String(res.total_amount);
  $("assessed").textContent = t().assessed(res.as_of, `${res.rules.pack}@${res.rules.version}`);
  $("warnings").replaceChildren(...res.warnings.map((w) => el("li", {}, `${w.loc}: ${pick(w.msg)}`)));
  $("provisions").replaceChildren(...res.results.map(provision));
  renderAdvice(res);
  $("download").textContent = t().download;
  $("restart").textContent = t().restart;
}

function render() {
  const text = t();
  document.body.dataset.step = String(++state.steps);  // lets a reader (or a browser test) see a new answer
  $("as-of-label").textContent = text.asOf;
  $("as-of-hint").textContent = text.asOfHint;
  $("as-of").value = state.application.as_of || (state.result && state.result.as_of) || "";
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  $("title").textContent = text.title;
  document.title = text.title;
  $("subtitle").textContent = text.subtitle;
  $("intro").textContent = text.intro;
  $("footer").textContent = text.footer;
  $("lang").textContent = text.other;
  $("lang").lang = state.lang === "zh" ? "en" : "zh-CN";
  renderQuestion();
  renderAnswers();
  renderResult();
}

function ask(field) {
  state.skipped = state.skipped.filter((f) => f !== field);
  state.rejected = null;
  step({ ask: field });
}

function download() {
  const doc = { application_id: "self-check", ...state.application };
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: "self-check-application.json" });
  document.body.append(link);
  link.click();
  link.remove();
}

async function start() {
  $("question").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = readAnswer(state.question);
    if (text === null) {
      state.errors = [{ msg: { zh: TEXT.zh.answerMissing, en: TEXT.en.answerMissing } }];
      state.rejected = null;
      renderQuestion();
      return;
    }
    step({ answer: { field: state.question.field, text } });
  });
  $("skip").addEventListener("click", () => {
    state.skipped = [...state.skipped, state.question.field];
    state.rejected = null;
    step();
  });
  $("finish").addEventListener("click", () => step({ finish: true }));
  $("as-of").addEventListener("change", (event) => {
    const { as_of: _, ...rest } = state.application;
    state.application = event.target.value ? { ...rest, as_of: event.target.value } : rest;
    step(state.result ? { finish: true } : {});
  });
  $("download").addEventListener("click", download);
  $("restart").addEventListener("click", () => {
    const asOf = state.application.as_of;
    Object.assign(state, { application: asOf ? { as_of: asOf } : {}, skipped: [], answered: [], result: null });
    step();
  });
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    render();
  });
  try {
    const [fields, provisions] = await Promise.all([call("GET", "/api/v1/fields"), call("GET", "/api/v1/provisions")]);
    for (const f of fields.data) state.fields[f.field] = f;
    for (const p of provisions.data) state.provisions[p.id] = p.title;
  } catch (err) {
    return serviceError(String(err));
  }
  await step();
}

document.addEventListener("DOMContentLoaded", start);
