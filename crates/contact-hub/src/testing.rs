//! Throw-away PostgreSQL databases for the hub's test suites and its load bench (hidden from
//! the docs: not an interface for integrators).
//!
//! `scripts/test-postgres` starts a throw-away cluster and names it in
//! `AGENT_DESK_TEST_POSTGRES` (libpq's `key=value` form, `dbname=postgres`); with
//! `AGENT_DESK_TEST_BACKEND=postgres` as well, the hub's `it` suite runs every hub it starts
//! on a fresh database of that cluster instead of a SQLite file (the README's test command
//! runs the suite both ways).

use crate::store::postgres::Pg;

/// Whether the tests were asked to run their hubs on PostgreSQL.
pub fn postgres_requested() -> bool {
    std::env::var("AGENT_DESK_TEST_BACKEND").is_ok_and(|backend| backend == "postgres")
}

/// A fresh, empty database on the test cluster, dropped (with its connections) when this is.
pub struct TestDatabase {
    admin: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Creates one; panics, saying how to start a cluster, when there is none.
    pub fn create() -> Self {
        let admin = std::env::var("AGENT_DESK_TEST_POSTGRES").expect(
            "AGENT_DESK_TEST_POSTGRES names no PostgreSQL server: run the tests through \
             ./scripts/test (or scripts/test-postgres cargo test ...), which starts one",
        );
        let name = format!("hub_{}", uuid::Uuid::new_v4().simple());
        Pg::connect(&admin)
            .and_then(|pg| pg.batch(&format!("CREATE DATABASE {name}")))
            .expect("the test cluster creates a database");
        let url = url_of(&admin, &name);
        Self { admin, name, url }
    }

    /// The database's URL, as `contact-hub serve --database` takes it.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Takes the lock every transition takes (as another node's transition would) at once,
    /// and gives it back after `held` on a thread of its own.
    pub fn hold_transitions_lock(&self, held: std::time::Duration) -> std::thread::JoinHandle<()> {
        let pg = Pg::connect(&self.url).expect("the test database answers");
        let lock = crate::store::postgres::TRANSITIONS_LOCK;
        pg.execute("SELECT pg_advisory_lock($1)", &[&lock]).expect("the lock is taken");
        std::thread::spawn(move || {
            std::thread::sleep(held);
            pg.execute("SELECT pg_advisory_unlock($1)", &[&lock]).expect("the lock is given back");
        })
    }

    /// Runs `sql` (no parameters) on its own connection; the rows it changed.
    pub fn execute(&self, sql: &str) -> usize {
        let pg = Pg::connect(&self.url).expect("the test database answers");
        pg.execute(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The rows `sql` returns, every column as text (`None` for NULL), as a test compares
    /// them with SQLite's.
    pub fn rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        let pg = Pg::connect(&self.url).expect("the test database answers");
        let rows = pg.query(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows.iter().map(|row| (0..row.len()).map(|i| column_text(row, i)).collect()).collect()
    }
}

fn column_text(row: &tokio_postgres::Row, index: usize) -> Option<String> {
    use tokio_postgres::types::Type;
    let kind = row.columns()[index].type_().clone();
    let text = if kind == Type::INT8 {
        row.get::<_, Option<i64>>(index).map(|n| n.to_string())
    } else if kind == Type::INT4 {
        row.get::<_, Option<i32>>(index).map(|n| n.to_string())
    } else if kind == Type::BOOL {
        row.get::<_, Option<bool>>(index).map(|b| i64::from(b).to_string())
    } else if kind == Type::BYTEA {
        row.get::<_, Option<Vec<u8>>>(index).map(|b| String::from_utf8_lossy(&b).into_owned())
    } else {
        row.get::<_, Option<String>>(index)
    };
    text
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let dropped = Pg::connect(&self.admin).and_then(|pg| {
            pg.batch(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))
        });
        if let Err(error) = dropped {
            eprintln!("dropping the test database {}: {error}", self.name);
        }
    }
}

/// `postgresql://user@/name?host=/socket/dir&port=N` from libpq's `host=… port=… user=…`
/// form (the port names the socket too).
fn url_of(conninfo: &str, name: &str) -> String {
    let field = |key: &str| {
        conninfo
            .split_whitespace()
            .find_map(|pair| pair.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
            .unwrap_or_default()
            .to_owned()
    };
    format!("postgresql://{}@/{name}?host={}&port={}", field("user"), field("host"), field("port"))
}
