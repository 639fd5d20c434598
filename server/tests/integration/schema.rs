//! The two migration sets (`server/migrations/sqlite`, `…/postgres`) define the same schema:
//! each is applied to a real database and what the database reports is compared — tables,
//! columns (name, kind of value, whether NULL is allowed) and the indexes created by name.
use crate::common;

use app::db::Db;
use common::{Backend, TestApp};
use std::collections::BTreeSet;

/// The kind of value a declared column type holds, as both backends store it.
fn kind(declared: &str) -> &'static str {
    let declared = declared.to_ascii_lowercase();
    if declared.contains("int") {
        "integer"
    } else if declared.contains("char") || declared.contains("text") || declared.contains("clob") {
        "text"
    } else if ["real", "floa", "doub", "numeric"]
        .iter()
        .any(|k| declared.contains(k))
    {
        "real"
    } else if declared.contains("blob") || declared.contains("bytea") {
        "blob"
    } else {
        "other"
    }
}

fn column(table: &str, name: &str, declared: &str, not_null: bool) -> String {
    let null = if not_null { "not null" } else { "null" };
    format!("column {table}.{name} {} {null}", kind(declared))
}

/// The indexes `sql` lists as (table, name, definition).
async fn indexes(db: &Db, sql: &str) -> Vec<String> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(sql)
        .fetch_all(db.reader())
        .await
        .expect("indexes");
    rows.iter()
        .map(|(table, name, definition)| index(table, name, definition))
        .collect()
}

fn index(table: &str, name: &str, definition: &str) -> String {
    let unique = definition
        .to_ascii_uppercase()
        .starts_with("CREATE UNIQUE INDEX");
    let unique = if unique { " unique" } else { "" };
    format!("index {name} on {table}{unique}")
}

async fn sqlite_schema(db: &Db) -> BTreeSet<String> {
    let mut schema = BTreeSet::new();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(db.reader())
    .await
    .expect("tables");
    for (table,) in tables {
        schema.insert(format!("table {table}"));
        let columns: Vec<(String, String, i64, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(db.reader())
                .await
                .expect("columns");
        for (name, declared, not_null, key) in columns {
            // An INTEGER PRIMARY KEY is the row id: never NULL, though not declared so.
            schema.insert(column(&table, &name, &declared, not_null == 1 || key > 0));
        }
    }
    // Indexes with a name of their own; those SQLite makes for UNIQUE and PRIMARY KEY
    // constraints have no SQL.
    schema.extend(
        indexes(
            db,
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
        )
        .await,
    );
    schema
}

async fn postgres_schema(db: &Db) -> BTreeSet<String> {
    let mut schema = BTreeSet::new();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
         AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(db.reader())
    .await
    .expect("tables");
    for (table,) in &tables {
        schema.insert(format!("table {table}"));
    }
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(db.reader())
    .await
    .expect("columns");
    for (table, name, declared, nullable) in columns {
        schema.insert(column(&table, &name, &declared, nullable == "NO"));
    }
    // Indexes with a name of their own, not those behind a constraint.
    schema.extend(
        indexes(
            db,
            "SELECT tablename::text, indexname::text, indexdef FROM pg_indexes \
             WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations' \
             AND indexname NOT IN (SELECT conname FROM pg_constraint)",
        )
        .await,
    );
    schema
}

#[test]
#[ignore = "needs TEST_DATABASE_URL; scripts/test.sh runs it"]
fn both_migration_sets_define_the_same_tables_columns_and_indexes() {
    common::run(async {
        let (sqlite_app, postgres_app) = (
            TestApp::start(Backend::Sqlite).await,
            TestApp::start(Backend::Postgres).await,
        );
        let sqlite = sqlite_schema(&sqlite_app.db).await;
        let postgres = postgres_schema(&postgres_app.db).await;
        assert!(sqlite.iter().any(|line| line == "table cases"));
        assert!(
            sqlite.iter().any(|line| line.starts_with("index ")),
            "named indexes are read"
        );
        let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
        let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
        assert!(
            only_sqlite.is_empty() && only_postgres.is_empty(),
            "the migration sets differ.\nonly in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
        );
    });
}

#[test]
fn declared_types_are_compared_by_the_kind_of_value_they_hold() {
    assert_eq!(kind("INTEGER"), "integer");
    assert_eq!(kind("bigint"), "integer");
    assert_eq!(kind("TEXT"), "text");
    assert_eq!(kind("character varying"), "text");
    assert_eq!(kind("double precision"), "real");
    assert_eq!(kind("BLOB"), "blob");
    assert_eq!(kind("bytea"), "blob");
}
