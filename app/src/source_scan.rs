//! For tests that check a rule over the code itself (every link to a file leaves the
//! router, every action says when it succeeded): the Rust sources of the app and server.
use std::path::{Path, PathBuf};

/// Every `.rs` file under the app's and the server's `src`, with its text.
pub fn rust_sources() -> Vec<(PathBuf, String)> {
    let app = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![app.join("src"), app.join("../server/src")];
    let mut sources = Vec::new();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                sources.push((path, text));
            }
        }
    }
    assert!(
        sources
            .iter()
            .any(|(p, _)| p.ends_with("server/src/main.rs"))
            && sources.len() > 100,
        "the sources were not found"
    );
    sources
}
