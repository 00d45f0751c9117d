//! Rule path of the extractor (and the tagger adapter): message decision, splitting, owners,
//! deadlines, titles. Pure functions over a per-message [`Context`].

use super::{Evidence, EvidenceLabel, ExtractedTask, Message, Priority};
use crate::model::tagging::{MessageClass, SpanLabel, Tagger, TaggerInput, Tagging};
use crate::normalize::{Normalized, normalize};
use crate::owners::{OwnerRef, RefKind, Resolved, Roster};
use crate::timex::{self, Analysis};
use chrono::{FixedOffset, NaiveDateTime};

/// Everything computed once per message.
pub struct Context<'a> {
    pub msg: &'a Message,
    pub norm: Normalized,
    pub chars: Vec<char>,
    pub roster: Roster,
    pub refs: Vec<OwnerRef>,
    pub reference: NaiveDateTime,
    pub ana: Analysis,
}

impl<'a> Context<'a> {
    pub fn new(msg: &'a Message) -> Self {
        let norm = normalize(&msg.text, &msg.members);
        let chars = norm.chars();
        let roster = Roster::new(&msg.members);
        let reply_sender = msg.reply_to.as_ref().map(|q| q.sender.as_str());
        let addressee = roster.addressee(&chars, &norm.mentions, reply_sender);
        let refs = roster.find_refs(&chars, &norm.mentions, &msg.sender, addressee.as_deref());
        let cst = FixedOffset::east_opt(8 * 3600).unwrap_or(*msg.ts.offset());
        let reference = msg.ts.with_timezone(&cst).naive_local();
        let ana = timex::analyze(&norm.text, reference);
        Context { msg, norm, chars, roster, refs, reference, ana }
    }
    fn sub(&self, s: usize, e: usize) -> String {
        self.chars.get(s..e.min(self.chars.len())).unwrap_or(&[]).iter().collect()
    }
}

const ACK: [&str; 22] = [
    "收到",
    "好的",
    "好",
    "好嘞",
    "ok",
    "OK",
    "Ok",
    "嗯",
    "嗯嗯",
    "明白",
    "了解",
    "没问题",
    "谢谢",
    "多谢",
    "辛苦了",
    "辛苦",
    "行",
    "可以",
    "知道了",
    "get",
    "好滴",
    "收",
];
const REQUEST: [&str; 24] = [
    "请", "麻烦", "劳烦", "帮忙", "务必", "记得", "尽快", "抓紧", "赶紧", "必须", "需要", "负责", "牵头", "一下",
    "看下", "看看", "给我", "发我", "交给", "报给", "马上", "立刻", "得把", "要把",
];
const FINISHED: [&str; 14] = [
    "已经",
    "已",
    "好了",
    "完了",
    "搞定",
    "完成了",
    "修好了",
    "弄好了",
    "做完了",
    "处理好了",
    "整理好了",
    "解决了",
    "发了",
    "传了",
];
const NOTICE: [&str; 16] = [
    "通知",
    "改到",
    "改成",
    "改为",
    "推迟",
    "延期",
    "取消",
    "暂停",
    "注意",
    "说",
    "听说",
    "据说",
    "查收",
    "提意见",
    "开会",
    "放假",
];
/// Open invitations, not assignments.
const SOFT_INVITE: [&str; 6] = ["提意见", "提建议", "随时找我", "欢迎", "有问题随时", "查收"];
const COMMIT_AFTER_WO: [&str; 28] = [
    "来", "去", "负责", "会", "把", "马上", "今天", "明天", "后天", "下午", "上午", "晚上", "这边", "周", "下周",
    "本周", "这周", "月底", "尽快", "先", "再", "稍后", "争取", "跟进", "安排", "处理", "一会", "两天",
];
const STRIP_WORDS: [&str; 38] = [
    "谁有空",
    "谁能",
    "谁来",
    "还没有",
    "还没",
    "配合",
    "协助",
    "要在",
    "麻烦您",
    "麻烦你",
    "麻烦",
    "劳烦",
    "烦请",
    "请您",
    "请你",
    "请",
    "帮忙",
    "辛苦",
    "务必",
    "记得",
    "尽快",
    "抓紧",
    "赶紧",
    "马上",
    "立刻",
    "必须",
    "需要",
    "负责",
    "牵头",
    "我来",
    "这边",
    "就能",
    "一定",
    "有空",
    "之前",
    "以前",
    "之内",
    "你",
];

fn has(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

fn is_sentence_sep(c: char) -> bool {
    matches!(c, '；' | ';' | '。' | '\n' | '！' | '!')
}

fn ranges(chars: &[char], s: usize, e: usize, sep: fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cur = s;
    for i in s..e {
        if chars.get(i).is_some_and(|c| sep(*c)) {
            if i > cur {
                out.push((cur, i));
            }
            cur = i + 1;
        }
    }
    if e > cur {
        out.push((cur, e));
    }
    out
}

fn strip_punct(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn is_ack_only(s: &str) -> bool {
    let mut rest = strip_punct(s);
    loop {
        let before = rest.clone();
        for a in ACK {
            if let Some(r) = rest.strip_prefix(a) {
                rest = r.to_string();
            }
        }
        for a in ["的", "啦", "呀", "哈", "了", "呢", "吧", "主任", "总", "老师", "律", "姐", "哥"] {
            if let Some(r) = rest.strip_prefix(a) {
                rest = r.to_string();
            }
        }
        if rest == before {
            break;
        }
    }
    rest.is_empty()
}

/// The text of `[s, e)` with every person reference removed.
fn without_refs(ctx: &Context, s: usize, e: usize) -> String {
    (s..e)
        .filter(|i| !ctx.refs.iter().any(|r| r.start <= *i && *i < r.end))
        .filter_map(|i| ctx.chars.get(i).copied())
        .collect()
}

/// A time word directly followed by 的 modifies a noun (本月的报表), it is no deadline.
fn modifies_noun(ctx: &Context, end: usize) -> bool {
    ctx.chars.get(end) == Some(&'的') || ctx.sub(end, end + 3) == "期间的"
}

fn priority(s: &str, urgent: bool) -> Priority {
    if has(s, &["紧急", "十万火急", "特急", "加急", "P0", "p0", "立刻", "立即"]) {
        Priority::P0
    } else if urgent || has(s, &["急", "尽快", "ASAP", "asap", "抓紧", "赶紧", "马上", "优先", "P1"]) {
        Priority::P1
    } else if has(s, &["不急", "有空", "有时间", "P3"]) {
        Priority::P3
    } else {
        Priority::P2
    }
}

/// A task unit before title/owner finishing.
struct Unit {
    s: usize,
    e: usize,
}

fn doer_refs<'r>(ctx: &'r Context, s: usize, e: usize) -> Vec<&'r OwnerRef> {
    ctx.refs.iter().filter(|r| r.start >= s && r.end <= e && !r.object).collect()
}

fn owners_of(ctx: &Context, refs: &[&OwnerRef], commit_self: bool) -> (Vec<String>, bool) {
    let mut owners: Vec<String> = Vec::new();
    let mut amb = false;
    for r in refs {
        if r.kind == RefKind::SelfRef && !commit_self {
            continue;
        }
        match &r.resolved {
            Resolved::Member(m) => {
                if !owners.contains(m) {
                    owners.push(m.clone())
                }
            }
            Resolved::All => {
                if !owners.iter().any(|o| o == "@all") {
                    owners.push("@all".into())
                }
            }
            Resolved::Ambiguous => amb = true,
            Resolved::Unknown => {}
        }
    }
    if owners.iter().any(|o| o == "@all") {
        owners.retain(|o| o == "@all");
    }
    let _ = ctx;
    (owners, amb)
}

fn self_commit(ctx: &Context, s: usize, e: usize) -> bool {
    for r in ctx.refs.iter().filter(|r| r.kind == RefKind::SelfRef && r.start >= s && r.end <= e && !r.object) {
        let after: String = ctx.sub(r.end, (r.end + 4).min(e));
        let rest = ctx.sub(r.end, e);
        if has(&rest, &FINISHED) {
            continue;
        }
        if COMMIT_AFTER_WO.iter().any(|w| after.starts_with(w))
            || ctx.ana.expressions.iter().any(|x| x.span.0 >= r.end && x.span.0 <= r.end + 2)
        {
            return true;
        }
    }
    false
}

/// Title from a char range: drop refs (doers), time expressions, politeness words.
fn title_of(ctx: &Context, s: usize, e: usize) -> String {
    let mut keep = vec![true; e.saturating_sub(s)];
    let mut drop = |a: usize, b: usize| {
        for i in a.max(s)..b.min(e) {
            if let Some(k) = keep.get_mut(i - s) {
                *k = false;
            }
        }
    };
    for r in &ctx.refs {
        if !r.object || r.kind == RefKind::Group {
            drop(r.start, r.end);
        }
    }
    for x in &ctx.ana.expressions {
        if modifies_noun(ctx, x.span.1) {
            continue;
        }
        drop(x.span.0, x.span.1);
        // trailing 前/之前/内
        for suf in ["之前", "以前", "之内", "前", "内"] {
            let n = suf.chars().count();
            if ctx.sub(x.span.1, x.span.1 + n) == suf {
                drop(x.span.1, x.span.1 + n);
                break;
            }
        }
    }
    let mut out: String = (s..e)
        .filter(|i| keep.get(i - s).copied().unwrap_or(false))
        .filter_map(|i| ctx.chars.get(i).copied())
        .collect();
    for w in STRIP_WORDS {
        out = out.replace(w, "");
    }
    let out = out.trim_matches(|c: char| {
        !c.is_alphanumeric() || matches!(c, '吧' | '哈' | '哦' | '啊' | '呀' | '嘛' | '要' | '在' | '都' | '就' | '能')
    });
    out.chars().filter(|c| !matches!(c, '，' | ',' | ' ' | '\n')).collect()
}

/// Title from the unit's core clauses (those with a doer, a request word, 把 or a "before"
/// deadline); context clauses (notices, background) are dropped unless the core is too short.
fn core_title(ctx: &Context, s: usize, e: usize) -> String {
    let clauses = ranges(&ctx.chars, s, e, |c| c == '，' || c == ',');
    if clauses.len() < 2 {
        return title_of(ctx, s, e);
    }
    let core: Vec<bool> = clauses
        .iter()
        .map(|(a, b)| {
            let c = ctx.sub(*a, *b);
            !doer_refs(ctx, *a, *b).is_empty()
                || has(&c, &REQUEST)
                || c.contains('把')
                || ctx.ana.expressions.iter().any(|x| x.span.0 >= *a && x.span.1 <= *b && x.inclusive_before)
        })
        .collect();
    if core.iter().all(|c| *c) || core.iter().all(|c| !*c) {
        return title_of(ctx, s, e);
    }
    let mut out = String::new();
    for (i, (a, b)) in clauses.iter().enumerate() {
        let next_core = core.get(i + 1).copied().unwrap_or(false);
        let this_core = core.get(i).copied().unwrap_or(false);
        let next_short = clauses.get(i + 1).is_some_and(|(c, d)| title_of(ctx, *c, *d).chars().count() < 5);
        if this_core || (next_core && next_short) {
            out.push_str(&title_of(ctx, *a, *b));
        }
    }
    if out.is_empty() { title_of(ctx, s, e) } else { out }
}

fn quoted_title(ctx: &Context, q: &str) -> String {
    let mut t = q.to_string();
    for w in ["谁有空", "谁能", "谁来", "有谁", "有没有人", "谁", "了吗", "吗", "呢", "什么时候能", "什么时候"]
    {
        t = t.replace(w, "");
    }
    // remove roster names and aliases
    for a in ctx.roster.aliases() {
        if a.chars().count() >= 2 {
            t = t.replace(&a, "");
        }
    }
    for w in STRIP_WORDS {
        t = t.replace(w, "");
    }
    t.chars().filter(|c| c.is_alphanumeric() || *c == '的').collect()
}

fn deadline_in(
    ctx: &Context,
    s: usize,
    e: usize,
) -> Option<(chrono::NaiveDate, Option<chrono::NaiveTime>, (usize, usize))> {
    let mut chars: Vec<char> = ctx.chars.get(s..e.min(ctx.chars.len())).unwrap_or(&[]).to_vec();
    for _ in 0..3 {
        let text: String = chars.iter().collect();
        let d = timex::analyze(&text, ctx.reference).deadline?;
        if modifies_noun(ctx, d.span.1 + s) {
            // mask the noun modifier and look again
            for c in chars.iter_mut().skip(d.span.0).take(d.span.1.saturating_sub(d.span.0)) {
                *c = '某';
            }
            continue;
        }
        return Some((d.date, d.time, (d.span.0 + s, d.span.1 + s)));
    }
    None
}

fn is_task_unit(ctx: &Context, s: usize, e: usize, has_owner: bool, self_c: bool) -> bool {
    let text = ctx.sub(s, e);
    let core = strip_punct(&text);
    if core.chars().count() < 2 || is_ack_only(&text) || is_ack_only(&without_refs(ctx, s, e)) {
        return false;
    }
    let request = has(&text, &REQUEST) || text.contains('把');
    let clauses = ranges(&ctx.chars, s, e, |c| c == '，' || c == ',');
    let request_clause = clauses.iter().any(|(a, b)| {
        let c = ctx.sub(*a, *b);
        !has(&c, &FINISHED) && (has(&c, &REQUEST) || c.contains('把'))
    });
    let finished = has(&text, &FINISHED) && !request_clause;
    if text.contains("查收") || (has(&text, &SOFT_INVITE) && !has(&text, &["前", "内", "务必", "必须"])) {
        return false;
    }
    let question = text.contains('？') || text.contains('?') || text.ends_with('吗');
    let info_q = question
        && (has(&text, &["知道", "在哪", "哪里", "怎么", "是不是", "有没有"])
            || (!has(&text, &["谁能", "谁有空", "谁来", "什么时候", "能不能", "能否", "可以"])));
    let other_doer = doer_refs(ctx, s, e).iter().any(|r| r.kind != RefKind::SelfRef);
    let before_dl = ctx.ana.expressions.iter().any(|x| x.span.0 >= s && x.span.1 <= e && x.inclusive_before);
    let notice = has(&text, &NOTICE)
        && !has(&text, &["请", "麻烦", "负责", "必须", "务必"])
        && !(other_doer && (before_dl || text.contains('把')));
    if finished && !self_c {
        return false;
    }
    if notice {
        return false;
    }
    let refs = doer_refs(ctx, s, e);
    let group_only = !refs.is_empty() && refs.iter().all(|r| r.resolved == Resolved::All || r.kind == RefKind::SelfRef);
    let dl = ctx
        .ana
        .expressions
        .iter()
        .any(|x| x.span.0 >= s && x.span.1 <= e && (x.inclusive_before || x.kind == timex::Kind::Deadline));
    if info_q && !has(&text, &["什么时候", "能不能", "能否"]) && !has(&text, &["谁能", "谁有空", "谁来"])
    {
        return false;
    }
    if self_c {
        return true;
    }
    if has(&text, &["谁能", "谁有空", "谁来"]) {
        return true;
    }
    if has_owner {
        if group_only {
            return dl || text.contains('把') || has(&text, &["请", "务必", "必须", "负责", "抓紧", "尽快"]);
        }
        return true;
    }
    // unowned must
    has(&text, &["需要", "必须", "务必", "得把", "要把"]) || (request && dl && has(&text, &["请", "麻烦"]))
}

/// Rule extraction.
pub fn extract_rules(ctx: &Context) -> Vec<ExtractedTask> {
    let n = ctx.chars.len();
    if is_ack_only(&ctx.norm.text) {
        return Vec::new();
    }
    // units: list items, else sentences; sentences with several "X负责…" clauses split further
    let mut units: Vec<Unit> = Vec::new();
    if ctx.norm.list_items.len() >= 2 {
        for (s, e) in &ctx.norm.list_items {
            units.push(Unit { s: *s, e: *e });
        }
    } else {
        for (s, e) in ranges(&ctx.chars, 0, n, is_sentence_sep) {
            let clauses = ranges(&ctx.chars, s, e, |c| c == '，' || c == ',');
            let owner_clauses: Vec<&(usize, usize)> = clauses
                .iter()
                .filter(|(a, b)| {
                    let t = ctx.sub(*a, *b);
                    t.contains("负责") && !doer_refs(ctx, *a, *b).is_empty() && strip_punct(&t).chars().count() > 5
                })
                .collect();
            if owner_clauses.len() >= 2 {
                for (a, b) in clauses {
                    units.push(Unit { s: a, e: b });
                }
            } else {
                units.push(Unit { s, e });
            }
        }
    }
    let multi = units.len() > 1;
    // message-level owners (e.g. a vocative in a leading sentence)
    let msg_refs = doer_refs(ctx, 0, n);
    let mut tasks = Vec::new();
    let reply = ctx.msg.reply_to.as_ref();
    for u in &units {
        let self_c = self_commit(ctx, u.s, u.e);
        let mut refs = doer_refs(ctx, u.s, u.e);
        // 我 without commitment is not a doer; addressee refs need resolution
        refs.retain(|r| r.kind != RefKind::SelfRef || self_c);
        if refs.is_empty() && !multi {
            refs = msg_refs.iter().copied().filter(|r| r.kind != RefKind::SelfRef || self_c).collect();
        }
        let (mut owners, amb) = owners_of(ctx, &refs, self_c);
        let mut title = core_title(ctx, u.s, u.e);
        let mut is_task = is_task_unit(ctx, u.s, u.e, !owners.is_empty() || amb, self_c);
        // reply context
        if let Some(q) = reply {
            let text = ctx.sub(u.s, u.e);
            let q_chars: Vec<char> = q.text.chars().collect();
            let q_addr = ctx.roster.addressee(&q_chars, &[], None);
            let takes_on = has(&text, &["我来", "我去", "交给我", "我负责", "我可以"]);
            let own_date = q_addr.as_deref() == Some(ctx.msg.sender.as_str()) && ctx.ana.deadline.is_some();
            if (takes_on || own_date) && !is_ack_only(&text) {
                is_task = true;
                if owners.is_empty() || takes_on {
                    owners = vec![ctx.msg.sender.clone()];
                }
            }
            if is_task && title.chars().count() < 5 {
                let qt = quoted_title(ctx, &q.text);
                if takes_on || own_date {
                    title = qt;
                } else {
                    title = format!("{qt}{title}");
                }
            }
        }
        // a task needs content: a title of fewer than 2 chars means the words were all
        // owners, time, politeness (请假 → 假, 辛苦了 → 了)
        if !is_task || title.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            continue;
        }
        let dl = deadline_in(ctx, u.s, u.e).or_else(|| {
            let d = ctx.ana.deadline.as_ref()?;
            if modifies_noun(ctx, d.span.1) {
                return deadline_in(ctx, 0, ctx.chars.len());
            }
            let inside_other = multi && units.iter().any(|o| d.span.0 >= o.s && d.span.1 <= o.e);
            if inside_other { None } else { Some((d.date, d.time, d.span)) }
        });
        let utext = ctx.sub(u.s, u.e);
        let pr = priority(&ctx.norm.text, ctx.ana.urgent && utext.chars().count() > 0);
        let mut evidence = Vec::new();
        let (rs, re) = ctx.norm.to_raw(u.s, u.e);
        evidence.push(Evidence { label: EvidenceLabel::Task, start: rs, end: re });
        for r in &refs {
            let (a, b) = ctx.norm.to_raw(r.start, r.end);
            evidence.push(Evidence { label: EvidenceLabel::Owner, start: a, end: b });
        }
        if let Some((_, _, sp)) = dl {
            let (a, b) = ctx.norm.to_raw(sp.0, sp.1);
            evidence.push(Evidence { label: EvidenceLabel::Deadline, start: a, end: b });
        }
        let mut conf = 0.5;
        if !owners.is_empty() {
            conf += 0.2;
        }
        if dl.is_some() {
            conf += 0.15;
        }
        if has(&utext, &REQUEST) || self_c {
            conf += 0.1;
        }
        tasks.push(ExtractedTask {
            title,
            owners,
            due_date: dl.map(|d| d.0),
            due_time: dl.and_then(|d| d.1),
            priority: pr,
            confidence: f32::min(conf, 0.95),
            evidence,
            owner_ambiguous: amb,
        });
    }
    tasks
}

/// Runs the tagger on the contexts' messages as one batch; `None` when the tagger fails.
pub fn tag_batch(ctxs: &[Context], tagger: &dyn Tagger) -> Option<Vec<Tagging>> {
    let words: Vec<_> = ctxs.iter().map(|c| crate::segment::segment(&c.norm.text, &c.roster.aliases())).collect();
    let inputs: Vec<TaggerInput<'_>> = ctxs
        .iter()
        .zip(&words)
        .map(|(c, w)| TaggerInput {
            text: &c.norm.text,
            quoted: c.msg.reply_to.as_ref().map(|q| q.text.as_str()).filter(|q| !q.is_empty()),
            words: w,
        })
        .collect();
    let out = tagger.tag_batch(&inputs).ok()?;
    (out.len() == ctxs.len()).then_some(out)
}

/// Tasks from a tagging: owner spans → roster, deadline span → timex, task spans → titles. A
/// new-task class without task spans falls back to the rules.
pub fn from_tagging(ctx: &Context, tagging: &Tagging) -> Vec<ExtractedTask> {
    if tagging.class != MessageClass::NewTask {
        return Vec::new();
    }
    let mut owners: Vec<String> = Vec::new();
    let mut amb = false;
    for sp in tagging.spans.iter().filter(|s| s.label == SpanLabel::Owner) {
        let overl: Vec<&OwnerRef> = ctx.refs.iter().filter(|r| r.start < sp.end && r.end > sp.start).collect();
        let (o, a) = owners_of(ctx, &overl, true);
        amb |= a;
        for x in o {
            if !owners.contains(&x) {
                owners.push(x);
            }
        }
    }
    let dl = tagging
        .spans
        .iter()
        .find(|s| s.label == SpanLabel::Deadline)
        .and_then(|s| deadline_in(ctx, s.start, s.end))
        .or_else(|| ctx.ana.deadline.as_ref().map(|d| (d.date, d.time, d.span)));
    let task_spans: Vec<_> = tagging.spans.iter().filter(|s| s.label == SpanLabel::Task).collect();
    if task_spans.is_empty() {
        return extract_rules(ctx);
    }
    let pr = priority(&ctx.norm.text, ctx.ana.urgent);
    task_spans
        .iter()
        .map(|sp| {
            let (a, b) = ctx.norm.to_raw(sp.start, sp.end);
            let mut evidence = vec![Evidence { label: EvidenceLabel::Task, start: a, end: b }];
            if let Some((_, _, d)) = dl {
                let (a, b) = ctx.norm.to_raw(d.0, d.1);
                evidence.push(Evidence { label: EvidenceLabel::Deadline, start: a, end: b });
            }
            ExtractedTask {
                title: title_of(ctx, sp.start, sp.end),
                owners: owners.clone(),
                due_date: dl.map(|d| d.0),
                due_time: dl.and_then(|d| d.1),
                priority: pr,
                confidence: sp.score.clamp(0.0, 1.0) * tagging.class_probs.first().copied().unwrap_or(1.0),
                evidence,
                owner_ambiguous: amb,
            }
        })
        .collect()
}
