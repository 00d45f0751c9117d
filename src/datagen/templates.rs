//! Message templates: one sample = roster + timestamp + a template family that renders text,
//! spans and gold tasks together, so labels are correct by construction.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::builder::Builder;
use super::deadline::{self, Dl};
use super::lexicon::{Domain, Lex};
use super::rng::Rng;
use super::{ReplyTo, Sample, Task};

/// A roster member.
#[derive(Debug, Clone)]
pub struct Person {
    /// Full display name.
    pub full: String,
    /// Surname (1 char).
    pub sur: String,
    /// Given name.
    pub given: String,
}

/// Per-sample generation state.
pub struct Ctx<'a> {
    /// Randomness for this sample.
    pub rng: Rng,
    /// Team type.
    pub dom: &'a Domain,
    /// Lexicons.
    pub lex: &'a Lex,
    /// Roster.
    pub people: Vec<Person>,
    /// Index of the sender in `people`.
    pub sender: usize,
    /// Message time.
    pub now: NaiveDateTime,
    /// Tags collected.
    pub tags: Vec<String>,
    /// Deadline kinds used (stats).
    pub dl_kinds: Vec<&'static str>,
}

/// An owner mention: surface text and resolved owners.
struct Mention {
    text: String,
    owners: Vec<String>,
}

/// A task phrase: optional unlabelled prefix (把) + labelled span.
struct TaskPh {
    pre: String,
    span: String,
    /// Object-first phrase without 把 ("报表整理一下"); after 我/请X/能 it reads better with 把.
    topic: bool,
}

impl TaskPh {
    /// Prefix to use where a bare topic phrase would be ungrammatical.
    fn pre_ba(&self) -> &str {
        if self.topic { "把" } else { &self.pre }
    }
}

fn date_str(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn task(title: &str, owners: Vec<String>, dl: Option<&Dl>) -> Task {
    Task {
        title: title.to_string(),
        owners,
        due_date: dl.map(|d| date_str(d.date)),
        due_time: dl.and_then(|d| d.time).map(|(h, m)| format!("{h:02}:{m:02}")),
    }
}

/// Random roster of 4–12 members (sometimes two share a surname).
pub fn roster(rng: &mut Rng, lex: &Lex) -> Vec<Person> {
    let n = rng.range(4, 12) as usize;
    let dup = rng.chance(0.2);
    let mut out: Vec<Person> = Vec::new();
    let mut guard = 0;
    while out.len() < n && guard < 500 {
        guard += 1;
        let sur = if dup && out.len() == 1 {
            out.first().map(|p| p.sur.clone()).unwrap_or_default()
        } else {
            let i = rng.weighted(&lex.surname_w);
            lex.surnames.get(i).copied().unwrap_or("王").to_string()
        };
        let given = if rng.chance(0.65) {
            format!("{}{}", rng.s(&lex.given), rng.s(&lex.given))
        } else {
            rng.s(&lex.given).to_string()
        };
        let full = format!("{sur}{given}");
        let clash = out.iter().any(|p| p.full == full || p.given == given)
            || (!(dup && out.len() == 1) && out.iter().any(|p| p.sur == sur));
        if clash || given.is_empty() {
            continue;
        }
        out.push(Person { full, sur, given });
    }
    // shuffle so the shared-surname pair is not always first
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}

/// Random message time in 2025–2027, mostly on workdays, 08:00–21:59.
pub fn timestamp(rng: &mut Rng) -> NaiveDateTime {
    let base = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    let mut d = base;
    for _ in 0..10 {
        d = base.checked_add_days(Days::new(rng.below(1070) as u64)).unwrap_or(base);
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend || rng.chance(0.25) {
            break;
        }
    }
    let h = rng.range(8, 21) as u32;
    let m = rng.range(0, 59) as u32;
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
}

impl<'a> Ctx<'a> {
    fn sender_name(&self) -> String {
        self.people.get(self.sender).map(|p| p.full.clone()).unwrap_or_default()
    }
    fn tag(&mut self, t: &str) {
        if !self.tags.iter().any(|x| x == t) {
            self.tags.push(t.to_string());
        }
    }
    /// A member other than the sender (and not in `avoid`).
    fn other(&mut self, avoid: &[usize]) -> usize {
        for _ in 0..50 {
            let i = self.rng.below(self.people.len());
            if i != self.sender && !avoid.contains(&i) {
                return i;
            }
        }
        (self.sender + 1) % self.people.len().max(1)
    }
    fn p(&self, i: usize) -> Person {
        self.people.get(i).cloned().unwrap_or(Person { full: String::new(), sur: String::new(), given: String::new() })
    }
    fn unique_surname(&self, i: usize) -> bool {
        let s = self.p(i).sur;
        self.people.iter().filter(|p| p.sur == s).count() == 1
    }
    fn unique_given(&self, i: usize) -> bool {
        let g = self.p(i).given;
        g.chars().count() == 2 && self.people.iter().filter(|p| p.given == g).count() == 1
    }
    fn title_suffix(&mut self) -> &'static str {
        let law = self.dom.key == "law";
        let school = self.dom.key == "school" || self.dom.key == "lab";
        let mut v = vec!["总", "姐", "哥", "工", "经理", "主任", "老师"];
        if law {
            v.push("律");
            v.push("律");
        }
        if school {
            v.push("老师");
            v.push("老师");
        }
        self.rng.s(&v)
    }
    /// Mention of member `i`; `formal` prefers titles (review requests).
    fn mention(&mut self, i: usize, formal: bool) -> Mention {
        let p = self.p(i);
        let k = if formal {
            self.rng.weighted(&[2.0, 1.0, 6.0, 0.5, 0.5])
        } else {
            self.rng.weighted(&[4.5, 2.0, 1.5, 1.0, 1.0])
        };
        match k {
            0 => Mention { text: format!("@{}", p.full), owners: vec![p.full] },
            1 => Mention { text: p.full.clone(), owners: vec![p.full] },
            2 => {
                let suf = self.title_suffix();
                let text = format!("{}{}", p.sur, suf);
                if self.unique_surname(i) {
                    self.tag("title-address");
                    Mention { text, owners: vec![p.full] }
                } else {
                    self.tag("ambiguous");
                    Mention { text, owners: vec![] }
                }
            }
            3 => {
                let pre = self.rng.s(&["小", "小", "老"]);
                let text = format!("{pre}{}", p.sur);
                if self.unique_surname(i) {
                    self.tag("nickname");
                    Mention { text, owners: vec![p.full] }
                } else {
                    self.tag("ambiguous");
                    Mention { text, owners: vec![] }
                }
            }
            _ => {
                if self.unique_given(i) {
                    self.tag("nickname");
                    Mention { text: p.given.clone(), owners: vec![p.full] }
                } else {
                    Mention { text: format!("@{}", p.full), owners: vec![p.full] }
                }
            }
        }
    }
    fn all_mention(&mut self) -> Mention {
        let role = self.rng.s(&self.dom.role);
        let text = match self.rng.below(10) {
            8 if role.chars().count() >= 2 => format!("各{role}"),
            8 | 9 => "各位".to_string(),
            0 => "@all".to_string(),
            1 => "@所有人".to_string(),
            2 | 3 => "大家".to_string(),
            4 => "所有人".to_string(),
            5 => "每个人".to_string(),
            6 => format!("每位{role}"),
            _ => format!("各位{role}"),
        };
        self.tag("all");
        Mention { text, owners: vec!["@all".into()] }
    }
    fn sep(&mut self) -> &'static str {
        match self.rng.below(100) {
            0..=69 => "，",
            70..=81 => " ",
            82..=91 => "",
            _ => ",",
        }
    }
    fn end(&mut self) -> &'static str {
        let v = [
            "",
            "",
            "",
            "",
            "。",
            "。",
            "！",
            "~",
            "哈",
            "🙏",
            "👍",
            "😂",
            "[微笑]",
            "[抱拳]",
            "[OK]",
            "，谢谢",
            "，辛苦了",
            "～",
            "!",
            "。谢谢",
        ];
        self.rng.s(&v)
    }
    fn obj(&mut self) -> String {
        let r = self.rng.below(100);
        let base = if self.rng.chance(0.15) && !self.lex.common.is_empty() {
            self.rng.s(&self.lex.common).to_string()
        } else {
            self.rng.s(&self.dom.obj).to_string()
        };
        if r < 58 {
            base
        } else if r < 78 {
            let techy = matches!(self.dom.key, "appdev" | "ops" | "lab");
            let w = if techy { self.rng.s(&self.lex.it) } else { self.rng.s(&self.lex.cj) };
            let suf = self.rng.s(&[
                "的报告",
                "相关材料",
                "的方案",
                "的表格",
                "的文档",
                "的PPT",
                "清单",
                "的数据",
                "的说明",
                "汇总表",
            ]);
            format!("{w}{suf}")
        } else {
            let pre = self.rng.s(&[
                "上周的",
                "这次的",
                "新版",
                "下个月的",
                "三月份的",
                "季度",
                "年度",
                "客户那份",
                "第二版",
                "A项目的",
                "B项目的",
                "明年的",
            ]);
            format!("{pre}{base}")
        }
    }
    fn verb(&mut self) -> String {
        if self.rng.chance(0.05) {
            return self.rng.s(&["review", "check", "update", "follow"]).to_string();
        }
        self.rng.s(&self.dom.verb).to_string()
    }
    /// Task phrase; `va` forces the verb-object form.
    fn task_ph(&mut self, va: bool) -> TaskPh {
        let o = self.obj();
        let v = self.verb();
        if self.rng.chance(0.1) && !self.dom.outside.is_empty() {
            // person-directed actions (contact / confirm / notify an outsider)
            let who = self.rng.s(&self.dom.outside);
            let ev = self.rng.s(&self.dom.event);
            let span = match self.rng.below(5) {
                0 => format!("联系{who}确认{o}"),
                1 => format!("跟{who}沟通一下{o}"),
                2 => format!("通知{who}{ev}的时间"),
                3 => format!("把{o}发给{who}"),
                _ => format!("约{who}过来对一下{o}"),
            };
            return TaskPh { pre: String::new(), span, topic: false };
        }
        let form = if va { 0 } else { self.rng.below(4) };
        match form {
            0 => TaskPh {
                pre: String::new(),
                span: format!("{v}{}{o}", if v.is_ascii() { " " } else { "" }),
                topic: false,
            },
            1 => {
                let tail = self.rng.s(&["一下", "好", "完", "了", "出来", "一下"]);
                TaskPh { pre: "把".into(), span: format!("{o}{v}{tail}"), topic: false }
            }
            2 => {
                let tail = self.rng.s(&["一下", "一下", "好", "下"]);
                TaskPh { pre: String::new(), span: format!("{o}{v}{tail}"), topic: true }
            }
            _ => {
                let tail = self.rng.s(&["一下", "一下", "好", ""]);
                TaskPh { pre: "帮忙".into(), span: format!("{v}{tail}{o}"), topic: false }
            }
        }
    }
    /// Deadline or None; sometimes a labelled-null urgency word is returned as plain text.
    fn maybe_dl(&mut self, p: f64) -> (Option<Dl>, &'static str) {
        if self.rng.chance(p) {
            let d = deadline::sample(&mut self.rng, self.now);
            self.dl_kinds.push(d.kind);
            (Some(d), "")
        } else {
            self.tag("no_deadline");
            let u = self.rng.s(&["", "", "", "尽快", "马上", "ASAP", "抓紧", "有空的时候"]);
            (None, u)
        }
    }
    fn push_dl(b: &mut Builder, dl: &Option<Dl>, urg: &str) {
        match dl {
            Some(d) => {
                b.l(&d.phrase, "deadline");
            }
            None => {
                b.t(urg);
            }
        }
    }
}

/// Output of one template family.
pub struct Out {
    /// Text builder (text + spans).
    pub b: Builder,
    /// Gold tasks.
    pub tasks: Vec<Task>,
    /// `new_task` / `status_update` / `no_task`.
    pub class: &'static str,
    /// Quoted message.
    pub reply_to: Option<ReplyTo>,
}

fn out(b: Builder, tasks: Vec<Task>) -> Out {
    let class = if tasks.is_empty() { "no_task" } else { "new_task" };
    Out { b, tasks, class, reply_to: None }
}

// ---------------------------------------------------------------- positives

fn request(c: &mut Ctx) -> Out {
    let i = c.other(&[]);
    let m = c.mention(i, false);
    let (dl, urg) = c.maybe_dl(0.72);
    let mut b = Builder::default();
    let form = c.rng.below(11);
    let t = c.task_ph(form == 4);
    let sp = c.sep();
    match form {
        0 => {
            b.owner(&m.text).t(if m.text.starts_with('@') { "" } else { sp }).t(&t.pre).l(&t.span, "task");
            if dl.is_some() || !urg.is_empty() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
                b.t(c.rng.s(&["完成", "给我", "搞定", "弄好", "提交", "", "发我"]));
            }
        }
        1 => {
            b.owner(&m.text).sp();
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(&t.pre).l(&t.span, "task");
        }
        2 => {
            b.t("请").owner(&m.text);
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(t.pre_ba()).l(&t.span, "task");
        }
        3 => {
            b.t(c.rng.s(&["麻烦", "辛苦", "劳烦"])).owner(&m.text);
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(t.pre_ba()).l(&t.span, "task").t(c.sep()).t(c.rng.s(&["谢谢", "多谢", "感谢", ""]));
        }
        4 => {
            b.owner(&m.text).t(c.rng.s(&["负责", "来负责", "牵头"])).l(&t.span, "task");
            if dl.is_some() {
                b.t(sp);
                Ctx::push_dl(&mut b, &dl, urg);
                b.t(c.rng.s(&["要", "交", "完成", "出结果", ""]));
            }
        }
        5 => {
            b.owner(&m.text).t(c.rng.s(&["你", "，你", " 你"]));
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(t.pre_ba()).l(&t.span, "task");
        }
        6 => {
            // topic first
            let o = c.obj();
            let v = c.verb();
            let span = format!("{o}{v}一下");
            b.l(&span, "task").t(sp).owner(&m.text).t(c.rng.s(&["来弄", "跟进一下", "来处理", "看一下", "负责"]));
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
            }
            return finish(b, vec![Task { title: span, ..task("", m.owners, dl.as_ref()) }], c);
        }
        7 => {
            b.owner(&m.text).sp();
            Ctx::push_dl(&mut b, &dl, urg);
            b.t("能").t(t.pre_ba()).l(&t.span, "task").t(c.rng.s(&["吗？", "吗", "不？", "吗?"]));
        }
        8 => {
            b.owner(&m.text).t(sp).t(c.rng.s(&["", "辛苦", "有空"])).t(&t.pre).l(&t.span, "task");
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
                b.t(c.rng.s(&["要用", "要", "领导要看", "客户要"]));
            }
        }
        10 => {
            b.l(&t.span, "task");
            if dl.is_some() || !urg.is_empty() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
            }
            b.t(c.rng.s(&["，", " ", "，辛苦", "，麻烦"])).sp().owner(&m.text);
        }
        _ => {
            b.t(c.rng.s(&["", "", "那个", "对了"])).owner(&m.text).t(sp);
            if c.rng.chance(0.5) {
                b.t(c.rng.s(&["Hi ", "在吗 ", "早 ", "hello "]));
            }
            b.t(&t.pre).l(&t.span, "task");
            if dl.is_some() {
                b.t(c.sep()).t(c.rng.s(&["deadline是", "截止", "最晚", ""]));
                Ctx::push_dl(&mut b, &dl, urg);
            }
        }
    }
    b.t(c.end());
    let title = t.span.clone();
    if m.owners.is_empty() {
        c.tag("unassigned");
    }
    finish(b, vec![task(&title, m.owners, dl.as_ref())], c)
}

fn finish(b: Builder, tasks: Vec<Task>, _c: &mut Ctx) -> Out {
    out(b, tasks)
}

fn self_commit(c: &mut Ctx) -> Out {
    c.tag("self");
    let me = vec![c.sender_name()];
    let (dl, urg) = c.maybe_dl(0.75);
    let mut b = Builder::default();
    let form = c.rng.below(7);
    let t = c.task_ph(form == 3 || form == 4);
    match form {
        0 => {
            b.l(&t.span, "task").l("我", "owner").t("来").t(c.sep());
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(c.rng.s(&["给大家", "发群里", "弄完", "给到你们", ""]));
        }
        1 => {
            b.l("我", "owner");
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(t.pre_ba()).l(&t.span, "task");
        }
        2 => {
            Ctx::push_dl(&mut b, &dl, urg);
            b.l("我", "owner").t(c.rng.s(&["", "会", "争取"])).t(t.pre_ba()).l(&t.span, "task");
        }
        3 => {
            b.l("我", "owner").t(c.rng.s(&["负责", "来", "跟进"])).l(&t.span, "task");
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
                b.t(c.rng.s(&["给到大家", "出初稿", "", "完成"]));
            }
        }
        4 => {
            b.t(c.rng.s(&["这个", "", "好，"])).l("我", "owner").t("来跟进").t(c.sep()).l(&t.span, "task");
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
            }
        }
        5 => {
            b.t(c.rng.s(&["收到，", "好的，", "OK ", "行，", "没问题，"])).l("我", "owner");
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(t.pre_ba()).l(&t.span, "task");
        }
        _ => {
            b.l(&t.span, "task").t(c.sep()).l("我", "owner").t(c.rng.s(&["这边", "", "这里"])).t("来处理").t(c.sep());
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(c.rng.s(&["给结果", "同步", ""]));
        }
    }
    b.t(c.end());
    let title = t.span;
    out(b, vec![task(&title, me, dl.as_ref())])
}

fn review(c: &mut Ctx) -> Out {
    c.tag("review");
    let i = c.other(&[]);
    let m = c.mention(i, true);
    let (dl, urg) = c.maybe_dl(0.6);
    let o = c.obj();
    let mut b = Builder::default();
    if c.rng.chance(0.5) {
        b.t(&o).t(c.rng.s(&["已经发您邮箱了", "放共享盘了", "改好了", "初稿出来了", "在群文件里"])).t(c.sep());
    }
    let verb = c.rng.s(&["审阅", "审核", "过目", "看一下", "把关", "确认一下", "review一下", "签字确认"]);
    let span = format!("{verb}{o}");
    b.t(c.rng.s(&["请", "麻烦", "辛苦"])).owner(&m.text);
    Ctx::push_dl(&mut b, &dl, urg);
    b.l(&span, "task");
    b.t(c.end());
    if m.owners.is_empty() {
        c.tag("unassigned");
    }
    out(b, vec![task(&span, m.owners, dl.as_ref())])
}

fn unowned(c: &mut Ctx) -> Out {
    c.tag("unassigned");
    let (dl, urg) = c.maybe_dl(0.7);
    let mut b = Builder::default();
    let t = c.task_ph(true);
    match c.rng.below(5) {
        0 => {
            b.t(c.rng.s(&["需要", "还需要", "得", "必须"])).l(&t.span, "task");
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
            }
        }
        1 => {
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(c.rng.s(&["要", "得", "必须", "需要"])).l(&t.span, "task");
        }
        2 => {
            b.t(c.rng.s(&["谁有空", "谁能", "哪位能", "有没有人能"]))
                .t("帮忙")
                .l(&t.span, "task")
                .t(c.rng.s(&["？", "?", "吗？"]));
            if dl.is_some() {
                Ctx::push_dl(&mut b, &dl, urg);
                b.t(c.rng.s(&["要", "要用", "要交"]));
            }
        }
        3 => {
            b.t(c.rng.s(&["提醒一下，", "注意：", "", "【待办】"])).l(&t.span, "task");
            b.t(c.sep());
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(c.rng.s(&["必须完成", "要交", "得弄完", ""]));
        }
        _ => {
            let o = c.obj();
            let span = format!("重新{}{o}", c.verb());
            b.t(&o)
                .t(c.rng.s(&["有问题", "数据不对", "被退回来了"]))
                .t(c.sep())
                .t(c.rng.s(&["需要", "得"]))
                .l(&span, "task");
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
            }
            b.t(c.end());
            return out(b, vec![task(&span, vec![], dl.as_ref())]);
        }
    }
    b.t(c.end());
    out(b, vec![task(&t.span, vec![], dl.as_ref())])
}

fn to_all(c: &mut Ctx) -> Out {
    let m = c.all_mention();
    let (dl, urg) = c.maybe_dl(0.75);
    let t = c.task_ph(false);
    let mut b = Builder::default();
    if c.rng.chance(0.3) {
        b.t(c.rng.s(&["请", "麻烦", "辛苦"]));
    }
    b.owner(&m.text);
    Ctx::push_dl(&mut b, &dl, urg);
    b.t(c.rng.s(&["", "都", "记得"])).t(&t.pre).l(&t.span, "task").t(c.end());
    out(b, vec![task(&t.span, m.owners, dl.as_ref())])
}

fn multi(c: &mut Ctx) -> Out {
    c.tag("multi");
    let mut b = Builder::default();
    let mut tasks = Vec::new();
    match c.rng.below(3) {
        0 => {
            // X负责A，Y负责B(，Z负责C)，shared deadline
            let n = c.rng.range(2, 3) as usize;
            let (dl, urg) = c.maybe_dl(0.7);
            let mut used = Vec::new();
            let mut pending = Vec::new();
            for k in 0..n {
                let i = c.other(&used);
                used.push(i);
                let m = c.mention(i, false);
                let t = c.task_ph(true);
                if k > 0 {
                    b.t(c.rng.s(&["，", "；", " ", "，"]));
                }
                b.owner(&m.text).t(c.rng.s(&["负责", "负责", "来", "跟"])).l(&t.span, "task");
                pending.push((t.span, m.owners));
            }
            if dl.is_some() {
                b.t(c.sep());
                Ctx::push_dl(&mut b, &dl, urg);
                b.t(c.rng.s(&["都弄好", "完成", "交给我", "同步进度", ""]));
            }
            for (s, o) in pending {
                tasks.push(task(&s, o, dl.as_ref()));
            }
        }
        1 => {
            let n = c.rng.range(2, 4) as usize;
            b.t(c.rng.s(&["", "分工如下：\n", "本周安排：\n", "明天的工作：\n", "今天要做的几件事\n"]));
            let mut used = Vec::new();
            for k in 0..n {
                let me = c.rng.chance(0.15);
                let (owner_txt, owners) = if me {
                    ("我".to_string(), vec![c.sender_name()])
                } else {
                    let i = c.other(&used);
                    used.push(i);
                    let m = c.mention(i, false);
                    (m.text, m.owners)
                };
                let (dl, urg) = c.maybe_dl(0.6);
                let t = c.task_ph(false);
                let num = match c.rng.below(3) {
                    0 => format!("{}. ", k + 1),
                    1 => format!("{}、", k + 1),
                    _ => format!("{}）", k + 1),
                };
                if k > 0 {
                    b.t("\n");
                }
                b.t(&num).owner(&owner_txt).sp().t(&t.pre).l(&t.span, "task");
                if dl.is_some() || !urg.is_empty() {
                    b.t(c.sep());
                    Ctx::push_dl(&mut b, &dl, urg);
                }
                tasks.push(task(&t.span, owners, dl.as_ref()));
            }
        }
        _ => {
            // two owners, one task
            let i = c.other(&[]);
            let j = c.other(&[i]);
            let m1 = c.mention(i, false);
            let m2 = c.mention(j, false);
            let (dl, urg) = c.maybe_dl(0.7);
            let t = c.task_ph(false);
            b.owner(&m1.text).t(c.rng.s(&[" ", "和", "、", " 和 "])).owner(&m2.text).t(c.sep());
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(c.rng.s(&["一起", "", "配合"])).t(&t.pre).l(&t.span, "task");
            let mut owners = m1.owners;
            owners.extend(m2.owners);
            tasks.push(task(&t.span, owners, dl.as_ref()));
        }
    }
    b.t(c.end());
    out(b, tasks)
}

fn reply_task(c: &mut Ctx) -> Out {
    c.tag("context");
    let me = c.sender_name();
    let mut b = Builder::default();
    match c.rng.below(4) {
        0 => {
            // quoted unowned request; reply takes it on
            let q = c.other(&[]);
            let t = c.task_ph(true);
            let (qdl, _) = c.maybe_dl(0.6);
            let mut qt = format!("{}{}？", c.rng.s(&["谁能", "谁有空", "哪位可以", "有人能"]), t.span);
            if let Some(d) = &qdl {
                qt.push_str(&d.phrase);
                qt.push_str(c.rng.s(&["要", "要用", "要交"]));
            }
            let own_dl = c.rng.chance(0.3);
            b.t(c.rng.s(&["", "好的，", "OK ", "行", "好的", "没问题，"]))
                .l("我", "owner")
                .t(c.rng.s(&["来", "来吧", "来弄", "可以"]));
            let dl = if own_dl {
                let d = deadline::sample(&mut c.rng, c.now);
                b.t(c.sep());
                b.l(&d.phrase, "deadline").t(c.rng.s(&["给你", "弄好", "发群里"]));
                Some(d)
            } else {
                qdl
            };
            b.t(c.end());
            let mut o = out(b, vec![task(&t.span, vec![me], dl.as_ref())]);
            o.reply_to = Some(ReplyTo { sender: c.p(q).full, text: qt });
            o
        }
        1 => {
            // 你 → quoted sender
            let q = c.other(&[]);
            let o0 = c.obj();
            let v = c.verb();
            let span = format!("{o0}{v}一下");
            let qt = format!("{span}{}", c.rng.s(&["谁来弄？", "这个谁负责？", "谁跟？", "要谁来？"]));
            let (dl, urg) = c.maybe_dl(0.7);
            b.l("你", "owner").t(c.rng.s(&["来吧", "来", "负责吧", "跟一下"])).t(c.sep());
            Ctx::push_dl(&mut b, &dl, urg);
            b.t(c.end());
            let mut o = out(b, vec![task(&span, vec![c.p(q).full], dl.as_ref())]);
            o.reply_to = Some(ReplyTo { sender: c.p(q).full, text: qt });
            o
        }
        2 => {
            // reply adds a date to own commitment
            let q = c.other(&[]);
            let t = c.task_ph(true);
            let qt = format!("@{} {}{}", me, t.span, c.rng.s(&["", "，谢谢", "，别忘了"]));
            let d = deadline::sample(&mut c.rng, c.now);
            c.dl_kinds.push(d.kind);
            b.t(c.rng.s(&["好嘞 ", "好的，", "收到 ", "OK，"]))
                .l(&d.phrase, "deadline")
                .t(c.rng.s(&["就弄", "就做", "搞定", "给你", "弄好"]));
            b.t(c.end());
            let mut o = out(b, vec![task(&t.span, vec![me], Some(&d))]);
            o.reply_to = Some(ReplyTo { sender: c.p(q).full, text: qt });
            o
        }
        _ => {
            // corrected date for an already-assigned task → task with the new date
            c.tag("restate");
            let i = c.other(&[]);
            let m = c.mention(i, false);
            let t = c.task_ph(true);
            let d = deadline::sample(&mut c.rng, c.now);
            c.dl_kinds.push(d.kind);
            b.t(c.rng.s(&["更正一下：", "改一下，", "不好意思，", ""])).owner(&m.text).sp().l(&t.span, "task");
            b.t(c.rng.s(&["的截止时间改到", "改成", "延到", "提前到"])).l(&d.phrase, "deadline").t(c.end());
            c.tags.retain(|x| x != "context");
            out(b, vec![task(&t.span, m.owners, Some(&d))])
        }
    }
}

fn implicit(c: &mut Ctx) -> Out {
    c.tag("implicit");
    let ev = c.rng.s(&c.dom.event).to_string();
    let mut d = deadline::sample_day(&mut c.rng, c.now);
    for _ in 0..20 {
        if d.time.is_none() && d.date > c.now.date() {
            break;
        }
        d = deadline::sample_day(&mut c.rng, c.now);
    }
    if d.time.is_some() || d.date <= c.now.date() {
        return request(c);
    }
    c.dl_kinds.push(d.kind);
    let p = d.phrase.trim_end_matches("之前").trim_end_matches("以前").trim_end_matches('前').to_string();
    let dl = Dl { phrase: p.clone(), ..d };
    let i = c.other(&[]);
    let m = if c.rng.chance(0.2) { c.all_mention() } else { c.mention(i, false) };
    let t = c.task_ph(false);
    let mut b = Builder::default();
    b.l(&p, "deadline").t(c.rng.s(&["开", "有", "要开", "就是", ""])).t(&ev).t(c.sep());
    b.t(c.rng.s(&["会前", "之前", "在那之前", "提前", "开始前"])).owner(&m.text);
    b.t(c.rng.s(&["", "记得", "先"])).t(t.pre_ba()).l(&t.span, "task").t(c.end());
    if m.owners.is_empty() {
        c.tag("unassigned");
    }
    out(b, vec![task(&t.span, m.owners, Some(&dl))])
}

fn mixed(c: &mut Ctx) -> Out {
    c.tag("mixed");
    let o = c.obj();
    let v = c.verb();
    let pre = match c.rng.below(6) {
        0 => format!("{o}已经{v}好了"),
        1 => c.rng.s(&["早上好☀️", "大家好", "各位早", "下午好", "Hi all"]).to_string(),
        2 => format!("{}的{}结束了", c.rng.s(&["今天", "刚才", "上午"]), c.rng.s(&c.dom.event)),
        3 => format!("{}刚来电话", c.rng.s(&c.dom.outside)),
        4 => format!("{o}领导看过了{}有几处要改", c.sep()),
        _ => c.rng.s(&c.lex.chitchat).to_string(),
    };
    let r = match c.rng.below(4) {
        0 | 1 => request(c),
        2 => self_commit(c),
        _ => to_all(c),
    };
    let mut b = Builder::default();
    b.t(&pre).t(c.rng.s(&["，", "。", " ", "\n", "！"]));
    b.append(r.b);
    Out { b, tasks: r.tasks, class: r.class, reply_to: r.reply_to }
}

fn away(c: &mut Ctx) -> Out {
    c.tag("notice");
    let p = event_day(c);
    let mut b = Builder::default();
    let s = match c.rng.below(6) {
        0 => format!("我{p}请假，有事电话联系"),
        1 => format!("我{p}去{}那边开会，不在工位", c.rng.s(&c.dom.outside)),
        2 => {
            let i = c.other(&[]);
            let m = c.mention(i, false);
            format!("{}{p}{}", m.text.trim_start_matches('@'), c.rng.s(&["请假", "出差", "调休", "不在"]))
        }
        3 => {
            let i = c.other(&[]);
            format!("@{} 在吗", c.p(i).full)
        }
        4 => {
            let i = c.other(&[]);
            format!("@{} 方便接个电话吗", c.p(i).full)
        }
        _ => format!("{p}我在外面，消息可能回得慢"),
    };
    b.t(&s).t(c.end());
    out(b, vec![])
}

// ---------------------------------------------------------------- negatives

fn ack(c: &mut Ctx) -> Out {
    c.tag("ack");
    let mut b = Builder::default();
    let a = c.rng.s(&[
        "收到",
        "好的",
        "👍",
        "OK",
        "ok",
        "好嘞",
        "明白",
        "收到👌",
        "好的，谢谢",
        "没问题",
        "嗯嗯",
        "[OK]",
        "收到[抱拳]",
        "了解",
        "好滴",
        "收到收到",
        "👌",
        "好的老板",
        "知道了",
        "明白了，谢谢",
        "1",
        "收到！",
        "好的👍",
        "嗯",
        "行",
    ]);
    b.t(a);
    let mut o = out(b, vec![]);
    if c.rng.chance(0.4) {
        // ack under a request already addressed to the replier
        c.tag("context");
        let q = c.other(&[]);
        let me = c.sender_name();
        let t = c.task_ph(false);
        let mut qt = format!("@{me} {}{}", t.pre, t.span);
        if c.rng.chance(0.6) {
            let d = deadline::sample(&mut c.rng, c.now);
            qt.push('，');
            qt.push_str(&d.phrase);
        }
        o.reply_to = Some(ReplyTo { sender: c.p(q).full, text: qt });
    }
    o
}

fn status(c: &mut Ctx) -> Out {
    c.tag("status");
    let mut b = Builder::default();
    let o = c.obj();
    let v = c.verb();
    let s = match c.rng.below(11) {
        0 => format!("{o}已经{v}好了"),
        1 => format!("{o}{v}完了{}放共享盘了", c.sep()),
        2 => format!("{v}{o}的事搞定了"),
        3 => c.rng.s(&["已修复", "搞定了", "弄好了", "已处理", "done", "已完成✅", "发你了"]).to_string(),
        4 => format!("{o}发你了{}", c.rng.s(&["", "，请查收", "，查收一下"])),
        5 => {
            let i = c.other(&[]);
            let m = c.mention(i, false);
            format!("{} {o}已{}，请查收", m.text, c.rng.s(&["发邮箱", "上传", "发群里", "放桌上"]))
        }
        6 => format!("我把{o}{v}完了{}", c.rng.s(&["", "，大家看看", "，有问题再说"])),
        7 => format!("{}说的{o}我已经{v}好了", c.rng.s(&["昨天", "上周", "刚才", "之前"])),
        8 => format!("{o}已{v}，见附件"),
        9 => format!("更新：{o}进度{}%", c.rng.range(30, 95)),
        _ => {
            let i = c.other(&[]);
            format!("上周让@{} {v}的{o}已经收到了，没问题", c.p(i).full)
        }
    };
    b.t(&s).t(c.end());
    let mut out0 = out(b, vec![]);
    out0.class = "status_update";
    out0
}

/// Day phrase without 前/之前 and without 下班/中午 boundary words (for notices, cancellations).
fn event_day(c: &mut Ctx) -> String {
    let mut d = deadline::sample_day(&mut c.rng, c.now);
    for _ in 0..30 {
        if !d.phrase.contains("下班") && !d.phrase.contains("中午前") {
            break;
        }
        d = deadline::sample_day(&mut c.rng, c.now);
    }
    d.phrase.replace("下班前", "").trim_end_matches("之前").trim_end_matches("以前").trim_end_matches('前').to_string()
}

fn notice(c: &mut Ctx) -> Out {
    c.tag("notice");
    let mut b = Builder::default();
    let ev = c.rng.s(&c.dom.event).to_string();
    let p = event_day(c);
    let s = match c.rng.below(7) {
        0 => format!("{ev}改到{p}"),
        1 => format!("通知：{p}{ev}，地点在{}", c.rng.s(&["三楼会议室", "大会议室", "线上腾讯会议", "老地方", "202"])),
        2 => format!("{p}系统升级，期间{}暂停使用", c.rng.s(&["OA", "ERP", "打卡", "报销系统", "内网"])),
        3 => format!("FYI {ev}延期到{p}"),
        4 => format!("提醒：{p}{ev}"),
        5 => format!("{ev}的时间调整了，改成{p}"),
        _ => format!("{p}停电，{}", c.rng.s(&["大家注意保存文件", "电梯停运", "空调不开"])),
    };
    b.t(&s).t(c.end());
    out(b, vec![])
}

fn question(c: &mut Ctx) -> Out {
    c.tag("question");
    let mut b = Builder::default();
    let o = c.obj();
    let ev = c.rng.s(&c.dom.event).to_string();
    let s = match c.rng.below(9) {
        0 => format!("谁知道{o}放哪了？"),
        1 => format!("{o}是谁负责的？"),
        2 => format!("{ev}几点开始？"),
        3 => format!("有人知道{}的电话吗", c.rng.s(&c.dom.outside)),
        4 => format!("{o}的模板在哪里下载{}", c.rng.s(&["？", "?", ""])),
        5 => format!("请问{o}用哪个版本？"),
        7 => {
            let i = c.other(&[]);
            format!("@{} {o}{}了吗？", c.p(i).full, c.verb())
        }
        8 => format!("{o}现在是什么进度？"),
        _ => format!("{ev}要带什么材料吗？"),
    };
    b.t(&s);
    out(b, vec![])
}

fn chitchat(c: &mut Ctx) -> Out {
    c.tag("chitchat");
    let mut b = Builder::default();
    let s = c.rng.s(&c.lex.chitchat).to_string();
    b.t(&s);
    out(b, vec![])
}

fn cancel(c: &mut Ctx) -> Out {
    c.tag("cancel");
    let mut b = Builder::default();
    let o = c.obj();
    let ev = c.rng.s(&c.dom.event).to_string();
    match c.rng.below(5) {
        0 => {
            b.t(&format!("{o}先不用{}了", c.verb()));
        }
        1 => {
            let i = c.other(&[]);
            let m = c.mention(i, false);
            b.t(&format!("{} 之前说的{o}不用弄了", m.text));
        }
        2 => {
            b.t(&format!("{ev}取消了，大家不用准备了"));
        }
        3 => {
            b.t(&format!("{o}那个事取消，{}", c.rng.s(&["领导说不做了", "客户不要了", "先放一放"])));
        }
        _ => {
            let p = event_day(c);
            b.t(&format!("{p}的{ev}取消"));
        }
    }
    b.t(c.end());
    out(b, vec![])
}

fn outsider(c: &mut Ctx) -> Out {
    c.tag("outsider");
    let mut b = Builder::default();
    let who = c.rng.s(&c.dom.outside).to_string();
    let d = deadline::sample_day(&mut c.rng, c.now);
    let o = c.obj();
    let s = match c.rng.below(4) {
        0 => format!("{who}说{}{}", d.phrase, c.rng.s(&["发货", "回复", "过来", "给反馈", "来检查", "到货", "上门"])),
        1 => format!("{who}{}会把{o}发过来", d.phrase),
        2 => format!("刚跟{who}确认了，他们{}{}", d.phrase, c.rng.s(&["处理完", "给答复", "安排人来"])),
        _ => format!("{who}那边{}要{}{o}", d.phrase, c.rng.s(&["提交", "确认", "审核"])),
    };
    b.t(&s).t(c.end());
    out(b, vec![])
}

fn thanks(c: &mut Ctx) -> Out {
    c.tag("thanks");
    let mut b = Builder::default();
    let i = c.other(&[]);
    let m = c.mention(i, false);
    let s = match c.rng.below(4) {
        0 => "大家辛苦了🎉".to_string(),
        1 => format!("谢谢{}", m.text),
        2 => format!("{} 太棒了👍", m.text),
        _ => format!("昨天的{}大家辛苦了", c.rng.s(&c.dom.event)),
    };
    b.t(&s);
    // mentions in non-task messages carry no owner labels
    let tags: Vec<String> = c.tags.iter().filter(|t| *t == "thanks").cloned().collect();
    c.tags = tags;
    out(b, vec![])
}

/// A template family.
type Family = fn(&mut Ctx) -> Out;

/// Pick a template family and render it.
pub fn render(c: &mut Ctx) -> Out {
    let fams: [(f64, Family); 19] = [
        (2.5, implicit),
        (4.0, mixed),
        (2.5, away),
        (18.0, request),
        (8.0, self_commit),
        (4.0, review),
        (5.0, unowned),
        (4.5, to_all),
        (7.0, multi),
        (5.5, reply_task),
        (8.0, ack),
        (11.0, status),
        (5.0, notice),
        (4.0, question),
        (6.0, chitchat),
        (3.0, cancel),
        (3.5, outsider),
        (2.0, thanks),
        (2.5, request),
    ];
    let w: Vec<f64> = fams.iter().map(|f| f.0).collect();
    let k = c.rng.weighted(&w);
    let f = fams.get(k).map(|f| f.1).unwrap_or(ack);
    let o = f(c);
    if o.tasks.is_empty() {
        // labels of mentions only matter for tasks
        c.tags.retain(|t| !matches!(t.as_str(), "title-address" | "nickname" | "ambiguous" | "all" | "unassigned"));
    }
    o
}

/// Build one full sample.
pub fn sample(lex: &Lex, seed: u64, idx: u64, id: String) -> Sample {
    let mut rng = Rng::for_sample(seed, idx);
    let dom_i = rng.below(lex.domains.len());
    let fallback = Domain::default();
    let dom = lex.domains.get(dom_i).unwrap_or(&fallback);
    let people = roster(&mut rng, lex);
    let sender = rng.below(people.len());
    let now = timestamp(&mut rng);
    let mut c = Ctx { rng, dom, lex, people, sender, now, tags: vec![], dl_kinds: vec![] };
    let o = render(&mut c);
    let chat = format!("{}-{}", dom.key, c.rng.below(20));
    let mut tags = c.tags.clone();
    tags.retain(|t| t != "no_deadline" || !o.tasks.is_empty());
    Sample {
        id,
        chat,
        ts: now.format("%Y-%m-%dT%H:%M:%S+08:00").to_string(),
        sender: c.sender_name(),
        members: c.people.iter().map(|p| p.full.clone()).collect(),
        reply_to: o.reply_to,
        text: o.b.text,
        tasks: o.tasks,
        class: o.class.to_string(),
        spans: if o.class == "new_task" { o.b.spans } else { vec![] },
        tags,
        dl_kinds: c.dl_kinds.iter().map(|s| s.to_string()).collect(),
    }
}
