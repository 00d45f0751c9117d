//! Task lifecycle from chat: reads status updates out of a message ("接口文档已发", "这个不用做了",
//! "推迟到下周一", "这个交给小王") and links each to the open task it refers to.
//!
//! Pure: the caller supplies the message, the roster and the chat's open tasks. Linking uses, in
//! order: the quoted message (a reply to the message that created the task, or quoting its
//! title), the similarity of the message to task titles, and — for a bare "搞定了" — the sender's
//! only open task. A wrong link is worse than none, so anything ambiguous links nothing.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::ingest::ChatMessage;
use crate::store::Priority;

/// An open task of the chat's project, as the linker sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTask {
    pub id: i64,
    pub title: String,
    pub owners: Vec<String>,
    /// Text of the chat message the task came from, if it came from chat.
    pub source_text: Option<String>,
    /// Sender of that message.
    pub source_sender: Option<String>,
    /// When the task was created (local time).
    pub created_at: NaiveDateTime,
    /// Still waiting for confirmation (`proposed`).
    pub proposed: bool,
}

/// A task the pipeline read out of a message, ready to be filed.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    pub title: String,
    pub owners: Vec<String>,
    pub due_date: Option<NaiveDate>,
    pub due_time: Option<NaiveTime>,
    pub priority: Priority,
    /// 0..=1.
    pub confidence: f32,
    /// `[{"label", "start", "end"}]` char spans in the message text, as JSON.
    pub evidence: serde_json::Value,
    /// An owner was mentioned but could not be resolved to one member.
    pub owner_ambiguous: bool,
}

/// What a message does to an existing task.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A proposed task was confirmed ("确认" / "1" in reply to the message that proposed it).
    Confirmed,
    Done,
    Cancelled,
    Started,
    Moved {
        date: NaiveDate,
        time: Option<NaiveTime>,
    },
    Reassigned {
        owners: Vec<String>,
    },
}

impl Change {
    /// The name recorded as the message's effect.
    pub fn name(&self) -> &'static str {
        match self {
            Change::Confirmed => "confirmed",
            Change::Done => "done",
            Change::Cancelled => "cancelled",
            Change::Started => "started",
            Change::Moved { .. } => "moved",
            Change::Reassigned { .. } => "reassigned",
        }
    }
}

/// A change linked to the task it applies to.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub task_id: i64,
    pub change: Change,
    /// 0..=1: how sure the link is.
    pub confidence: f32,
}

/// Everything a message means for the task store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Understanding {
    pub tasks: Vec<TaskDraft>,
    pub updates: Vec<Update>,
}

/// What the worker knows around a message.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The last few messages of the chat before this one, oldest first.
    pub recent: Vec<ChatMessage>,
    /// Open tasks of the chat's project, newest first.
    pub open_tasks: Vec<OpenTask>,
}

/// The understanding stage as the worker calls it: extraction plus lifecycle.
pub trait Understand: Send + Sync {
    /// Reads one message in its context. Never fails on messy text.
    fn understand(&self, msg: &ChatMessage, context: &Context) -> Understanding;
}

const DONE_CUES: &[&str] = &[
    "已完成",
    "完成了",
    "做完了",
    "搞定了",
    "搞定",
    "弄好了",
    "改好了",
    "写好了",
    "做好了",
    "整理好了",
    "已发送",
    "已经发",
    "已发",
    "发过去了",
    "发你了",
    "发给你了",
    "已提交",
    "提交了",
    "已上线",
    "上线了",
    "已修复",
    "修复了",
    "修好了",
    "已处理",
    "处理好了",
    "处理完了",
    "已解决",
    "解决了",
    "已交",
    "交了",
    "已更新",
    "更新好了",
    "已上传",
    "传好了",
    "已搞定",
    "完事了",
    "办好了",
    "已办",
    "已确认",
    "确认好了",
    "已落实",
    "已安排",
    "安排好了",
    "done",
];
const CANCEL_CUES: &[&str] = &[
    "不用做了",
    "不用弄了",
    "不用搞了",
    "不用了",
    "不需要了",
    "不做了",
    "先不做",
    "先不用",
    "取消",
    "作废",
    "撤销",
    "算了",
    "停掉",
    "别做了",
    "别弄了",
];
const START_CUES: &[&str] = &["开始做了", "开始弄了", "在做了", "正在做", "正在弄", "着手", "已开始", "开始处理"];
const MOVE_CUES: &[&str] = &[
    "推迟到",
    "推迟至",
    "延期到",
    "延期至",
    "延后到",
    "顺延到",
    "改到",
    "改在",
    "改为",
    "改成",
    "挪到",
    "调整到",
    "提前到",
    "放到",
];
const REASSIGN_CUES: &[&str] = &["交给", "转给", "改由", "移交给", "换成", "让"];
const QUESTION_ENDINGS: &[&str] = &["吗", "没", "么", "?", "？", "了没", "没有"];

/// Reads status changes and links them to open tasks.
pub fn detect_updates(msg: &ChatMessage, context: &Context, reference: NaiveDateTime) -> Vec<Update> {
    let text = msg.text.trim();
    if text.is_empty() || context.open_tasks.is_empty() {
        return Vec::new();
    }
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "。！!~～".contains(c));
    if QUESTION_ENDINGS.iter().any(|q| trimmed.ends_with(q)) {
        return Vec::new();
    }
    if let Some(confirmed) = confirmations(msg, context) {
        return confirmed;
    }
    let Some((change, cue)) = read_change(text, &msg.members, reference) else {
        return Vec::new();
    };
    let Some((task, confidence)) = link(msg, context, &change, cue) else {
        return Vec::new();
    };
    vec![Update { task_id: task.id, change, confidence }]
}

/// Replies that confirm the proposed tasks of the quoted message.
const CONFIRM_REPLIES: &[&str] =
    &["确认", "1", "确认无误", "确定", "对", "是的", "没错", "ok", "OK", "好的确认", "确认创建"];

fn confirmations(msg: &ChatMessage, context: &Context) -> Option<Vec<Update>> {
    let quoted = msg.reply_to.as_ref()?;
    let reply: String = msg.text.chars().filter(|c| !c.is_whitespace() && !"。！!，,~～".contains(*c)).collect();
    if !CONFIRM_REPLIES.contains(&reply.as_str()) {
        return None;
    }
    let updates: Vec<Update> = context
        .open_tasks
        .iter()
        .filter(|t| t.proposed && t.source_text.as_deref() == Some(quoted.text.as_str()))
        .map(|t| Update { task_id: t.id, change: Change::Confirmed, confidence: 0.95 })
        .collect();
    (!updates.is_empty()).then_some(updates)
}

/// The change a message announces and the cue word that announced it.
fn read_change(text: &str, members: &[String], reference: NaiveDateTime) -> Option<(Change, &'static str)> {
    if let Some(cue) = MOVE_CUES.iter().find(|c| text.contains(*c)) {
        let analysis = crate::timex::analyze(text, reference);
        if let Some(deadline) = analysis.deadline {
            return Some((Change::Moved { date: deadline.date, time: deadline.time }, cue));
        }
    }
    if let Some(cue) = REASSIGN_CUES.iter().find(|c| text.contains(*c)) {
        let after = text.split_once(cue).map(|(_, rest)| rest).unwrap_or("");
        let owners = named_members(after, members);
        if owners.len() == 1 {
            return Some((Change::Reassigned { owners }, cue));
        }
    }
    if let Some(cue) = CANCEL_CUES.iter().find(|c| text.contains(*c)) {
        return Some((Change::Cancelled, cue));
    }
    if let Some(cue) = DONE_CUES.iter().find(|c| text.to_lowercase().contains(*c)) {
        // "明天发了给你" / "发了吗" style future or questions are filtered by the caller; a done cue
        // preceded by a negation (还没搞定, 没做完了) is not done.
        let before = text.to_lowercase().split_once(cue).map(|(b, _)| b.to_string()).unwrap_or_default();
        if before.ends_with('没') || before.ends_with("还没") || before.ends_with('未') || before.ends_with('不') {
            return None;
        }
        return Some((Change::Done, cue));
    }
    if let Some(cue) = START_CUES.iter().find(|c| text.contains(*c)) {
        return Some((Change::Started, cue));
    }
    None
}

/// Roster members named in `text`: full name, or a unique surname + title / 小 + surname.
fn named_members(text: &str, members: &[String]) -> Vec<String> {
    let mut found: Vec<String> =
        members.iter().filter(|m| !m.is_empty() && text.contains(m.as_str())).cloned().collect();
    if found.is_empty() {
        for title in ["总", "姐", "哥", "工", "老师", "经理", "主任"] {
            for member in members {
                let Some(surname) = member.chars().next() else { continue };
                let addressed = [format!("{surname}{title}"), format!("小{surname}"), format!("老{surname}")];
                if addressed.iter().any(|a| text.contains(a.as_str())) {
                    let same_surname = members.iter().filter(|m| m.starts_with(surname)).count();
                    if same_surname == 1 && !found.contains(member) {
                        found.push(member.clone());
                    }
                }
            }
        }
    }
    found
}

/// Character-bigram Dice similarity of two strings (0..=1), ignoring punctuation and spaces.
pub fn similarity(a: &str, b: &str) -> f32 {
    fn bigrams(s: &str) -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    }
    let (x, mut y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let total = x.len() + y.len();
    let mut common = 0;
    for bg in &x {
        if let Some(pos) = y.iter().position(|g| g == bg) {
            y.swap_remove(pos);
            common += 1;
        }
    }
    2.0 * common as f32 / total as f32
}

fn link<'t>(msg: &ChatMessage, context: &'t Context, change: &Change, cue: &str) -> Option<(&'t OpenTask, f32)> {
    let tasks = &context.open_tasks;
    // 1. A reply to the message that created a task, or quoting a task's title.
    if let Some(quoted) = &msg.reply_to {
        let by_source: Vec<&OpenTask> =
            tasks.iter().filter(|t| t.source_text.as_deref() == Some(quoted.text.as_str())).collect();
        if by_source.len() == 1 {
            return Some((by_source[0], 0.95));
        }
        if let Some((task, score)) = best_by_title(&quoted.text, tasks) {
            if score >= 0.5 {
                return Some((task, 0.85));
            }
        }
    }
    // 2. The message names the task: its words resemble one title clearly more than the others.
    let rest = msg.text.replace(cue, "");
    if let Some((task, score)) = best_by_title(&rest, tasks) {
        // A third of the title's character pairs (盘点表 of 仓库盘点表更新), clearly ahead of every
        // other title (see `best_by_title`).
        if score >= 0.3 {
            return Some((task, 0.6 + score * 0.3));
        }
    }
    // 3. "搞定了" with nothing else, or a report sharing words with it: the sender's only open task.
    if matches!(change, Change::Done | Change::Started) {
        let own: Vec<&OpenTask> = tasks.iter().filter(|t| t.owners.iter().any(|o| o == &msg.sender)).collect();
        if let [only] = own.as_slice() {
            let bare = rest.chars().filter(|c| c.is_alphanumeric()).count() <= 6;
            if bare || title_overlap(&rest, &only.title) > 0.0 {
                return Some((only, if bare { 0.6 } else { 0.7 }));
            }
        }
    }
    None
}

/// The task whose title is most similar to `text`, if it beats the runner-up clearly.
fn best_by_title<'t>(text: &str, tasks: &'t [OpenTask]) -> Option<(&'t OpenTask, f32)> {
    let mut scored: Vec<(&OpenTask, f32)> = tasks.iter().map(|t| (t, title_overlap(text, &t.title))).collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [] => None,
        [(task, score)] => Some((task, *score)),
        [(task, score), (_, second), ..] if score - second >= 0.15 => Some((task, *score)),
        _ => None,
    }
}

/// How much of the title's bigrams the text covers (0..=1): a short message can name a long
/// title by a few of its words.
fn title_overlap(text: &str, title: &str) -> f32 {
    let text_chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let title_chars: Vec<char> = title.chars().filter(|c| c.is_alphanumeric()).collect();
    if title_chars.len() < 2 || text_chars.len() < 2 {
        return 0.0;
    }
    let text_bigrams: std::collections::HashSet<(char, char)> = text_chars.windows(2).map(|w| (w[0], w[1])).collect();
    let title_bigrams: Vec<(char, char)> = title_chars.windows(2).map(|w| (w[0], w[1])).collect();
    let hits = title_bigrams.iter().filter(|b| text_bigrams.contains(b)).count();
    hits as f32 / title_bigrams.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Quoted;

    fn msg(sender: &str, text: &str, reply: Option<(&str, &str)>) -> ChatMessage {
        ChatMessage {
            id: "m".into(),
            chat: "c".into(),
            ts: chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+08:00").expect("ts"),
            sender: sender.into(),
            members: ["周敏", "李想", "王芳", "陈晨"].iter().map(|s| s.to_string()).collect(),
            reply_to: reply.map(|(s, t)| Quoted { sender: s.into(), text: t.into() }),
            text: text.into(),
        }
    }

    fn task(id: i64, title: &str, owner: &str, source: &str) -> OpenTask {
        OpenTask {
            id,
            title: title.into(),
            owners: vec![owner.into()],
            source_text: Some(source.into()),
            source_sender: Some("周敏".into()),
            created_at: NaiveDate::from_ymd_opt(2026, 3, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("dt"),
            proposed: id == 2,
        }
    }

    fn context() -> Context {
        Context {
            recent: Vec::new(),
            open_tasks: vec![
                task(1, "季度报销单据整理", "李想", "@李想 周五前把季度报销单据整理一下"),
                task(2, "客户回访名单", "王芳", "王芳 明天把客户回访名单发群里"),
                task(3, "仓库盘点表更新", "陈晨", "陈晨负责仓库盘点表更新"),
            ],
        }
    }

    fn check(m: ChatMessage, expected: Option<(i64, Change)>) {
        let reference = m.ts.naive_local();
        let got = detect_updates(&m, &context(), reference);
        match expected {
            None => assert!(got.is_empty(), "{:?} should change nothing, got {got:?}", m.text),
            Some((id, change)) => {
                assert_eq!(got.len(), 1, "{:?}: expected one update, got {got:?}", m.text);
                assert_eq!((got[0].task_id, &got[0].change), (id, &change), "{:?}", m.text);
            }
        }
    }

    #[test]
    fn done_cancel_start_by_title_reply_and_sole_task() {
        check(msg("李想", "报销单据整理好了，放共享盘了", None), Some((1, Change::Done)));
        check(msg("王芳", "搞定了", Some(("周敏", "王芳 明天把客户回访名单发群里"))), Some((2, Change::Done)));
        check(msg("陈晨", "搞定了", None), Some((3, Change::Done)));
        check(msg("周敏", "盘点表这个先不做了", None), Some((3, Change::Cancelled)));
        check(msg("王芳", "回访名单开始做了", None), Some((2, Change::Started)));
    }

    #[test]
    fn moves_and_reassignments() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        check(msg("周敏", "报销单据整理推迟到下周一", None), Some((1, Change::Moved { date: d(3, 9), time: None })));
        check(
            msg("周敏", "改到明天下午3点", Some(("周敏", "王芳 明天把客户回访名单发群里"))),
            Some((2, Change::Moved { date: d(3, 3), time: NaiveTime::from_hms_opt(15, 0, 0) })),
        );
        check(msg("周敏", "盘点表交给小王吧", None), Some((3, Change::Reassigned { owners: vec!["王芳".into()] })));
    }

    #[test]
    fn a_report_sharing_words_with_the_senders_only_task_closes_it() {
        check(msg("陈晨", "盘点的差异查到了，是系统导入的问题，已修复", None), Some((3, Change::Done)));
        // Nothing in common with 陈晨's task: not linked.
        check(msg("陈晨", "打印机卡纸的问题已修复", None), None);
    }

    #[test]
    fn notices_questions_and_unlinked_news_change_nothing() {
        check(msg("周敏", "下午的例会改到4点", None), None);
        check(msg("周敏", "报销单据整理好了吗？", None), None);
        check(msg("李想", "报销单据还没搞定", None), None);
        check(msg("周敏", "搞定了", None), None); // 周敏 owns no open task: nothing to link.
        check(msg("周敏", "好的收到", None), None);
    }

    #[test]
    fn a_reply_confirms_the_proposed_tasks_of_the_quoted_message() {
        check(msg("周敏", "确认", Some(("周敏", "王芳 明天把客户回访名单发群里"))), Some((2, Change::Confirmed)));
        // Task 1 is not proposed: "1" under its message is not a confirmation of anything.
        check(msg("周敏", "1", Some(("周敏", "@李想 周五前把季度报销单据整理一下"))), None);
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        assert!((similarity("接口文档", "接口文档") - 1.0).abs() < 1e-6);
        assert_eq!(similarity("接口文档", "仓库盘点"), 0.0);
        assert!((similarity("接口文档整理", "文档整理") - similarity("文档整理", "接口文档整理")).abs() < 1e-6);
    }
}
