// `sqlx::migrate!` embeds the migration folders when the crate compiles; this makes a new
// or changed migration file recompile the server even when no Rust source changed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
