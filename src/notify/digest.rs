//! The daily digest of a project: overdue tasks, tasks due today, and tasks at risk. Pure.

use chrono::NaiveDate;

use crate::store::tasks::Task;

/// Title and lines of a digest for `today`, or `None` when there is nothing to say.
pub fn build(
    project_name: &str,
    tasks: &[Task],
    today: NaiveDate,
    at_risk: &[(i64, f64)],
) -> Option<(String, Vec<String>)> {
    let open: Vec<&Task> = tasks.iter().filter(|t| t.status.is_open()).collect();
    let describe =
        |t: &Task| format!("{}（{}，{}）", t.title, t.owners_text("未指定负责人"), t.due_text("%m-%d", "无截止"));
    let mut overdue: Vec<&&Task> = open.iter().filter(|t| t.due_date.is_some_and(|d| d < today)).collect();
    overdue.sort_by_key(|t| t.due_date);
    let due_today: Vec<&&Task> = open.iter().filter(|t| t.due_date == Some(today)).collect();
    let mut lines = Vec::new();
    if !overdue.is_empty() {
        lines.push(format!("已逾期 {} 项：", overdue.len()));
        lines.extend(overdue.iter().map(|t| format!("  {}", describe(t))));
    }
    if !due_today.is_empty() {
        lines.push(format!("今天到期 {} 项：", due_today.len()));
        lines.extend(due_today.iter().map(|t| format!("  {}", describe(t))));
    }
    let risky: Vec<(&&Task, f64)> =
        at_risk.iter().filter_map(|(id, p)| open.iter().find(|t| t.id == *id).map(|t| (t, *p))).collect();
    if !risky.is_empty() {
        lines.push(format!("可能延期 {} 项：", risky.len()));
        lines.extend(risky.iter().map(|(t, p)| format!("  {}，延期概率 {:.0}%", describe(t), p * 100.0)));
    }
    if lines.is_empty() {
        return None;
    }
    Some((format!("【{project_name}】{} 任务提醒", today.format("%m月%d日")), lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tasks::Owner;
    use crate::store::{Priority, Status};

    fn task(id: i64, title: &str, due: Option<(u32, u32)>, status: Status) -> Task {
        Task {
            id,
            project_id: 1,
            stage_id: None,
            title: title.into(),
            description: String::new(),
            due_date: due.and_then(|(m, d)| NaiveDate::from_ymd_opt(2026, m, d)),
            due_time: None,
            priority: Priority::P2,
            status,
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
    fn lists_overdue_then_today_then_risk_and_skips_closed_work() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        let tasks = vec![
            task(1, "盘点表", Some((3, 3)), Status::Todo),
            task(2, "回访名单", Some((3, 5)), Status::Doing),
            task(3, "已完成的", Some((3, 1)), Status::Done),
            task(4, "合同归档", Some((3, 9)), Status::Todo),
        ];
        let (title, lines) = build("门店", &tasks, today, &[(4, 0.82)]).expect("digest");
        assert!(title.contains("门店") && title.contains("03月05日"), "{title}");
        assert_eq!(lines[0], "已逾期 1 项：");
        assert!(lines[1].contains("盘点表") && lines[1].contains("王芳"));
        assert_eq!(lines[2], "今天到期 1 项：");
        assert!(lines[5].contains("合同归档") && lines[5].contains("82%"), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains("已完成的")));
        assert!(build("门店", &tasks[2..3], today, &[]).is_none(), "nothing to say, no digest");
    }
}
