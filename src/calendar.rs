//! ICS (RFC 5545) calendars of tasks, so deadlines show up in any calendar app. Pure.
//!
//! Written by hand rather than with a calendar crate: we emit one kind of component (`VEVENT`,
//! all-day or timed), and the rules that matter — CRLF lines, folding at 75 octets on a char
//! boundary, text escaping, floating local times with a `TZID` — fit in this file.

use chrono::{Duration, NaiveDate};

use crate::store::tasks::Task;

/// A calendar of `tasks` named `name`; tasks without a due date are left out.
/// `stamp` is the generation time as `YYYYMMDDTHHMMSSZ`.
pub fn ics(name: &str, tasks: &[Task], stamp: &str) -> String {
    let mut out = String::new();
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chat2task//tasks//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        push(&mut out, line);
    }
    push(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    push(&mut out, "X-WR-TIMEZONE:Asia/Shanghai");
    for line in TIMEZONE {
        push(&mut out, line);
    }
    for task in tasks {
        let Some(date) = task.due_date else { continue };
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:task-{}@chat2task", task.id));
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        match task.due_time {
            Some(time) => {
                let start = date.and_time(time);
                let end = start + Duration::minutes(30);
                push(&mut out, &format!("DTSTART;TZID=Asia/Shanghai:{}", start.format("%Y%m%dT%H%M%S")));
                push(&mut out, &format!("DTEND;TZID=Asia/Shanghai:{}", end.format("%Y%m%dT%H%M%S")));
            }
            None => {
                push(&mut out, &format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")));
                push(&mut out, &format!("DTEND;VALUE=DATE:{}", next_day(date).format("%Y%m%d")));
            }
        }
        let owners: Vec<&str> = task.owners.iter().map(|o| o.name.as_str()).collect();
        let summary =
            if owners.is_empty() { task.title.clone() } else { format!("{}（{}）", task.title, owners.join("、")) };
        push(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        let mut description = format!("状态：{}  优先级：{}", task.status.as_str(), task.priority.as_str());
        if !task.description.is_empty() {
            description.push('\n');
            description.push_str(&task.description);
        }
        push(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        if !task.status.is_open() {
            push(&mut out, "STATUS:CANCELLED");
        }
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

const TIMEZONE: [&str; 9] = [
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
];

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets on char boundaries, ended with CRLF.
fn push(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tasks::Owner;
    use crate::store::{Priority, Status};
    use chrono::NaiveTime;

    fn task(id: i64, title: &str, due: Option<NaiveDate>, time: Option<NaiveTime>) -> Task {
        Task {
            id,
            project_id: 1,
            stage_id: None,
            title: title.into(),
            description: "第一行\n第二行, 含逗号; 分号".into(),
            due_date: due,
            due_time: time,
            priority: Priority::P1,
            status: Status::Todo,
            tags: vec![],
            source_chat: None,
            source_message: None,
            confidence: None,
            evidence: "[]".into(),
            created_by: "t".into(),
            created_at: 0,
            updated_at: 0,
            done_at: None,
            owners: vec![Owner { member_id: 1, name: "王芳".into() }],
        }
    }

    #[test]
    fn all_day_and_timed_events_with_folding_and_escaping() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31);
        let t = NaiveTime::from_hms_opt(18, 0, 0);
        let long = "很长的任务标题".repeat(12);
        let tasks = vec![task(1, "年终总结", d, None), task(2, &long, d, t), task(3, "没有截止", None, None)];
        let cal = ics("门店", &tasks, "20261125T000000Z");
        assert!(cal.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"), "{cal}");
        assert!(cal.contains("DTSTART;TZID=Asia/Shanghai:20261231T180000\r\n"));
        let unfolded = cal.replace("\r\n ", "");
        assert!(
            unfolded.contains("DESCRIPTION:状态：todo  优先级：P1\\n第一行\\n第二行\\, 含逗号\\; 分号"),
            "{unfolded}"
        );
        assert_eq!(cal.matches("BEGIN:VEVENT").count(), 2, "undated tasks are left out");
        for line in cal.split("\r\n") {
            assert!(line.len() <= 75, "unfolded line of {} octets: {line}", line.len());
        }
        assert!(unfolded.contains(&format!("SUMMARY:{long}（王芳）")));
    }
}
