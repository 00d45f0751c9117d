//! Roles and the permission matrix (pure: no I/O).
//!
//! A bearer token carries a workspace **role**; membership of a project (with a project role)
//! gives the **scope**. The matrix, documented in `docs/rbac.md` and tested endpoint by endpoint
//! in `tests/rbac.rs`:
//!
//! | action | admin | pm | member | guest |
//! |---|---|---|---|---|
//! | read a project, its stages, tasks, events, messages | all | own projects | own projects | own projects |
//! | create a project | yes | yes (becomes its PM) | no | no |
//! | update/delete a project, manage its stages, members, chats | all | projects where PM | no | no |
//! | create a task | all | projects where PM | own projects | no |
//! | update a task | all | projects where PM | tasks it owns or created | no |
//! | delete a task | all | projects where PM | tasks it created | no |
//! | comment on a task | all | own projects | own projects | no |
//! | list members | yes | yes | yes | no |
//! | create members | yes | yes | no | no |
//! | update members, tokens, audit log, chats registry | yes | no | no | no |

use std::str::FromStr;

/// A workspace role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Pm,
    Member,
    Guest,
}

impl Role {
    /// All roles, most powerful first.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Pm, Role::Member, Role::Guest];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Pm => "pm",
            Role::Member => "member",
            Role::Guest => "guest",
        }
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("role must be admin, pm, member or guest; got `{s}`"))
    }
}

/// Who is calling: the token's workspace, role and member.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    pub token_id: i64,
    pub workspace_id: i64,
    pub role: Role,
    pub member_id: Option<i64>,
}

impl Principal {
    /// The actor string written to audit and event rows.
    pub fn actor(&self) -> String {
        match self.member_id {
            Some(m) => format!("token:{}/member:{m}", self.token_id),
            None => format!("token:{}", self.token_id),
        }
    }
}

/// What the caller wants to do on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectAction {
    Read,
    Manage,
    CreateTask,
    Comment,
}

/// Whether `principal`, whose project role in the target project is `project_role`
/// (`None` when not a member), may perform `action`.
pub fn allows_project(principal: &Principal, project_role: Option<&str>, action: ProjectAction) -> bool {
    if principal.role == Role::Admin {
        return true;
    }
    let Some(project_role) = project_role else {
        return false;
    };
    match action {
        ProjectAction::Read => true,
        ProjectAction::Manage => principal.role == Role::Pm && project_role == "pm",
        ProjectAction::CreateTask => match principal.role {
            Role::Pm => project_role == "pm",
            Role::Member => matches!(project_role, "pm" | "member"),
            _ => false,
        },
        ProjectAction::Comment => matches!(principal.role, Role::Pm | Role::Member) && project_role != "guest",
    }
}

/// What the caller wants to do on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAction {
    Update,
    Delete,
}

/// Whether `principal` may change a task, given its project role, whether it owns the task and
/// whether its token created it.
pub fn allows_task(
    principal: &Principal,
    project_role: Option<&str>,
    owns: bool,
    created: bool,
    action: TaskAction,
) -> bool {
    if principal.role == Role::Admin {
        return true;
    }
    let Some(project_role) = project_role else {
        return false;
    };
    match principal.role {
        Role::Pm if project_role == "pm" => true,
        Role::Pm | Role::Member if project_role != "guest" => match action {
            TaskAction::Update => owns || created,
            TaskAction::Delete => created,
        },
        _ => false,
    }
}

/// Workspace-level actions that involve no project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkspaceAction {
    CreateProject,
    ListMembers,
    CreateMember,
    UpdateMember,
    ManageChats,
    ManageTokens,
    ReadAudit,
    /// List the workspace's delay-risk model versions.
    ReadRiskModels,
}

/// Whether `role` may perform a workspace-level action.
pub fn allows_workspace(role: Role, action: WorkspaceAction) -> bool {
    use WorkspaceAction::*;
    match role {
        Role::Admin => true,
        Role::Pm => matches!(action, CreateProject | ListMembers | CreateMember | ReadRiskModels),
        Role::Member => matches!(action, ListMembers),
        Role::Guest => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role) -> Principal {
        Principal { token_id: 1, workspace_id: 1, role, member_id: Some(1) }
    }

    #[test]
    fn outsiders_see_nothing_but_admins_see_everything() {
        for role in [Role::Pm, Role::Member, Role::Guest] {
            assert!(!allows_project(&principal(role), None, ProjectAction::Read), "{role:?} read without membership");
        }
        assert!(allows_project(&principal(Role::Admin), None, ProjectAction::Manage));
    }

    #[test]
    fn guests_only_read() {
        let g = principal(Role::Guest);
        assert!(allows_project(&g, Some("guest"), ProjectAction::Read));
        for action in [ProjectAction::Manage, ProjectAction::CreateTask, ProjectAction::Comment] {
            assert!(!allows_project(&g, Some("guest"), action), "guest may not {action:?}");
        }
        assert!(!allows_task(&g, Some("guest"), true, true, TaskAction::Update));
    }

    #[test]
    fn members_change_only_their_tasks() {
        let m = principal(Role::Member);
        assert!(allows_task(&m, Some("member"), true, false, TaskAction::Update));
        assert!(!allows_task(&m, Some("member"), false, false, TaskAction::Update));
        assert!(!allows_task(&m, Some("member"), true, false, TaskAction::Delete));
        assert!(allows_task(&m, Some("member"), false, true, TaskAction::Delete));
    }

    #[test]
    fn pms_manage_only_their_projects() {
        let p = principal(Role::Pm);
        assert!(allows_project(&p, Some("pm"), ProjectAction::Manage));
        assert!(!allows_project(&p, Some("member"), ProjectAction::Manage));
        assert!(allows_task(&p, Some("pm"), false, false, TaskAction::Delete));
    }
}
