//! Who may connect: the server's own user, root, and members of the configured group,
//! told by the kernel (SO_PEERCRED), not by anything the client says.

use frontdesk_core::i18n::errors::ServerSays;
use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Gid, Group, Uid, User};
use std::os::unix::net::UnixStream;

/// The process at the other end of a connection.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Process id.
    pub pid: i32,
}

/// The kernel's word on who connected.
pub fn peer_of(stream: &UnixStream) -> Result<Peer, ServerSays> {
    let cred = getsockopt(stream, PeerCredentials).map_err(|e| ServerSays::Credentials { error: e.to_string() })?;
    Ok(Peer { uid: cred.uid(), gid: cred.gid(), pid: cred.pid() })
}

/// The access rule.
pub struct Access {
    own_uid: u32,
    group: Option<Group>,
}

impl Access {
    /// The rule for the configured group (`None`: own user and root only).
    pub fn new(group: Option<&str>) -> Result<Access, ServerSays> {
        let group = match group {
            None => None,
            Some(name) => Some(
                Group::from_name(name)
                    .map_err(|e| ServerSays::GroupLookup { group: name.to_string(), error: e.to_string() })?
                    .ok_or_else(|| ServerSays::NoGroup { group: name.to_string() })?,
            ),
        };
        Ok(Access { own_uid: Uid::current().as_raw(), group })
    }

    /// The group's id, to chown the socket to.
    pub fn gid(&self) -> Option<Gid> {
        self.group.as_ref().map(|g| g.gid)
    }

    /// Whether `peer` may use the server; `Err` says why not.
    pub fn check(&self, peer: &Peer) -> Result<(), ServerSays> {
        if peer.uid == self.own_uid || peer.uid == 0 {
            return Ok(());
        }
        let Some(group) = &self.group else {
            return Err(ServerSays::OwnUserOnly { uid: peer.uid });
        };
        if peer.gid == group.gid.as_raw() {
            return Ok(());
        }
        // Supplementary membership: the group's member list names the user.
        let user = User::from_uid(Uid::from_raw(peer.uid)).ok().flatten();
        if user.is_some_and(|u| group.mem.contains(&u.name) || u.gid == group.gid) {
            return Ok(());
        }
        Err(ServerSays::NotInGroup { uid: peer.uid, group: group.name.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stranger() -> u32 {
        let own = Uid::current().as_raw();
        if own == 4_000_000 { 4_000_001 } else { 4_000_000 }
    }

    #[test]
    fn without_a_group_only_the_own_user_and_root_are_admitted() {
        let access = Access::new(None).unwrap();
        assert!(access.check(&Peer { uid: Uid::current().as_raw(), gid: 4_000_000, pid: 1 }).is_ok());
        assert!(access.check(&Peer { uid: 0, gid: 0, pid: 1 }).is_ok());
        let why = access.check(&Peer { uid: stranger(), gid: 4_000_000, pid: 1 }).unwrap_err().to_string();
        assert!(why.contains("may not use") && why.contains("[serve] group"), "{why}");
    }

    #[test]
    fn members_of_the_group_are_admitted_and_others_refused() {
        // Group 0 (`root`) exists on every Linux host.
        let access = Access::new(Some("root")).unwrap();
        assert_eq!(access.gid(), Some(Gid::from_raw(0)));
        assert!(access.check(&Peer { uid: stranger(), gid: 0, pid: 1 }).is_ok());
        let why = access.check(&Peer { uid: stranger(), gid: 4_000_000, pid: 1 }).unwrap_err().to_string();
        assert!(why.contains("not in the group `root`"), "{why}");
    }

    #[test]
    fn an_unknown_group_is_a_configuration_error() {
        let why = Access::new(Some("no-such-group-frontdesk")).err().unwrap().to_string();
        assert!(why.contains("does not exist"), "{why}");
    }
}
