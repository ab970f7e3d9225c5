//! A PostgreSQL database per test, on the server `DOSSIER_TEST_POSTGRES` names; shared by the
//! store's tests and the app's (which include this file by path).
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

/// The PostgreSQL server of the tests, from `DOSSIER_TEST_POSTGRES`. When it is unset the
/// PostgreSQL half of a test is skipped with a line on stderr, except under CI, where a
/// skipped backend would pass unseen: there it fails.
pub fn postgres_url() -> Option<String> {
    match std::env::var("DOSSIER_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but DOSSIER_TEST_POSTGRES is not: the PostgreSQL tests must run in CI"
            );
            eprintln!("skipped: PostgreSQL half of this test (set DOSSIER_TEST_POSTGRES=postgres://…)");
            None
        }
    }
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let (base, query) = match url.find('?') {
        Some(q) => (&url[..q], &url[q..]),
        None => (url, ""),
    };
    let host_end = base[after_scheme..].find('/').map_or(base.len(), |i| after_scheme + i);
    format!("{}/{name}{query}", &base[..host_end])
}

/// A PostgreSQL database made for one test, so tests run in parallel; dropped with it.
pub struct PgDatabase {
    admin: String,
    name: String,
    pub url: String,
}

impl PgDatabase {
    /// A fresh empty database, or `None` when PostgreSQL tests are skipped.
    pub fn create() -> Option<PgDatabase> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let admin = postgres_url()?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let name = format!("dossier_test_{}_{}_{nanos}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("connect to DOSSIER_TEST_POSTGRES");
        client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let url = with_database(&admin, &name);
        Some(PgDatabase { admin, name, url })
    }

    /// A plain client on the test's database, to look under the store.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // FORCE ends the connections a failed test left open.
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
