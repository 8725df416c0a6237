//! A served store: other terminals write too. When the store's write sequence moves, the
//! open panel reloads; when the server goes away, the status bar says so until it is back.

use super::msg::{Job, ServerEvent};
use super::{Model, StoreState, Tab, complaints, rewards, summaries};

/// Applies news of the server.
pub(crate) fn event(m: &mut Model, event: ServerEvent) -> Vec<Job> {
    match event {
        ServerEvent::Changed => refresh(m),
        ServerEvent::Gone(reason) => {
            m.store_state = StoreState::ServerGone;
            let text = m.texts.fill("status.lost_server", &[("reason", m.texts.say(&reason))]);
            m.say(text, true);
            Vec::new()
        }
        ServerEvent::Back => {
            m.store_state = StoreState::Served;
            m.say(m.t("status.server_back"), false);
            refresh(m)
        }
    }
}

/// Reloads what the screen shows: the member, and the open tab's list.
fn refresh(m: &mut Model) -> Vec<Job> {
    if m.session != super::session::Session::Open {
        return Vec::new();
    }
    let mut jobs = Vec::new();
    if m.welcome.is_some() {
        let generation = m.next_generation();
        m.busy += 1;
        jobs.push(Job::LoadOverview { generation });
        return jobs;
    }
    if let Some(id) = m.member_id() {
        let generation = m.next_generation();
        m.busy += 1;
        jobs.push(Job::LoadMember { generation, id });
    }
    match m.tab {
        Tab::Members => {
            let query = m.members.query.value().trim().to_string();
            if !query.is_empty() {
                // Not `members::search`: that would move the highlight back to the top.
                let generation = m.next_generation();
                m.search_generation = generation;
                jobs.push(Job::Search { generation, query });
            }
        }
        Tab::Rewards => jobs.extend(rewards::load(m)),
        Tab::Complaints => jobs.extend(complaints::load(m)),
        Tab::Summaries => jobs.extend(summaries::reload(m)),
        Tab::Office => jobs.extend(super::office::load(m)),
        Tab::Points => {}
    }
    if jobs.is_empty() {
        // Nothing on screen to reload; still ask, so that a desk whose store now has
        // operators locks at once (the server refuses an operator-less connection then).
        let generation = m.next_generation();
        m.busy += 1;
        jobs.push(Job::LoadOverview { generation });
    }
    jobs
}
