//! Integration tests of the service, one binary (each extra test binary costs a link of the
//! whole crate on a 2-core machine).

mod api;
mod common;
mod group_commit;
mod hooks;
mod ingest;
mod notify;
mod parity;
mod rbac;
mod risk;
