//! Where a hub keeps its state: a SQLite file (the desk's embedded hub, a small team) or a
//! PostgreSQL database (a team's hub nodes sharing it).

use std::path::{Path, PathBuf};

/// The database a hub opens.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file, created if missing.
    Sqlite(PathBuf),
    /// A PostgreSQL database, by its URL (`postgres://user:password@host:port/database`, with
    /// `?sslmode=require&sslrootcert=/path/ca.pem` as needed, or
    /// `postgresql://user@/database?host=/run/postgresql` over a Unix socket). The database
    /// must exist; the hub creates its tables.
    Postgres(String),
}

impl Database {
    /// A `postgres://` or `postgresql://` URL names PostgreSQL; anything else is a SQLite
    /// file's path.
    pub fn parse(text: &str) -> Database {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Database::Postgres(text.to_owned())
        } else {
            Database::Sqlite(PathBuf::from(text))
        }
    }
}

/// Says which database without its password (for logs and errors).
impl std::fmt::Display for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "SQLite {}", path.display()),
            Database::Postgres(url) => write!(f, "PostgreSQL {}", without_password(url)),
        }
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

/// `postgres://user:secret@host/db` as `postgres://user:…@host/db`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((userinfo, host)) = rest.split_once('@') else { return url.to_owned() };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:…@{host}"),
        None => url.to_owned(),
    }
}

impl From<&Path> for Database {
    fn from(path: &Path) -> Self {
        Database::Sqlite(path.to_owned())
    }
}

impl From<&PathBuf> for Database {
    fn from(path: &PathBuf) -> Self {
        Database::Sqlite(path.clone())
    }
}

impl From<PathBuf> for Database {
    fn from(path: PathBuf) -> Self {
        Database::Sqlite(path)
    }
}

impl From<&Database> for Database {
    fn from(database: &Database) -> Self {
        database.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_postgresql_and_anything_else_a_sqlite_file() {
        assert_eq!(
            Database::parse("postgres://hub@db.example/desk"),
            Database::Postgres("postgres://hub@db.example/desk".into())
        );
        assert!(matches!(
            Database::parse("postgresql:///desk?host=/run/pg"),
            Database::Postgres(_)
        ));
        assert_eq!(Database::parse("hub.sqlite3"), Database::Sqlite("hub.sqlite3".into()));
    }

    #[test]
    fn its_description_leaves_the_password_out() {
        let database = Database::parse("postgres://hub:s3cret@db.example:5432/desk");
        assert_eq!(database.to_string(), "PostgreSQL postgres://hub:…@db.example:5432/desk");
        assert!(!format!("{database:?}").contains("s3cret"));
        assert_eq!(
            Database::parse("/var/lib/hub.sqlite3").to_string(),
            "SQLite /var/lib/hub.sqlite3"
        );
    }
}
