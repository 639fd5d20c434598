//! Starts the real router against a fresh database: a temporary SQLite file, or a new
//! database on the PostgreSQL server named by `TEST_DATABASE_URL` (`scripts/test.sh`
//! starts a throw-away one). Requests go through `tower::ServiceExt::oneshot`, so every
//! layer a browser meets is exercised without opening a port.
#![allow(dead_code)]

pub mod cases;
pub mod enterprises;
pub mod office;

use app::db::Db;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use sqlx::Connection;
use std::net::SocketAddr;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    /// What the router was built from, for [`TestApp::reconfigure`].
    state: server::AppState,
    pub db: Db,
    pub database_url: String,
    // Removed when the test ends.
    _dir: tempfile::TempDir,
}

/// Which database a test runs against.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The largest upload the test servers accept (small, so tests can exceed it cheaply).
pub const UPLOAD_LIMIT: u64 = 256 * 1024;

impl TestApp {
    pub async fn start(backend: Backend) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("hub.db").display()),
            Backend::Postgres => fresh_postgres_database().await,
        };
        let db = server::database::open(&url, 4)
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let state = server::AppState::new(
            server::leptos_options(dir.path(), addr),
            db.clone(),
            server::security::SecuritySettings::default(),
            server::uploads::Uploads {
                dir: dir.path().join("uploads"),
                max_bytes: UPLOAD_LIMIT,
            },
        );
        TestApp {
            router: server::router(state.clone()),
            state,
            db,
            database_url: url,
            _dir: dir,
        }
    }

    /// Rebuilds the router from the same database and files with settings changed, as
    /// a server restarted with another configuration would be.
    pub fn reconfigure(&mut self, change: impl FnOnce(&mut server::AppState)) {
        let mut state = self.state.clone();
        change(&mut state);
        self.router = server::router(state.clone());
        self.state = state;
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router never fails");
        TestResponse::read(response).await
    }

    /// Where the built site (`pkg/…`) would be; tests may put asset files here.
    pub fn site_root(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Calls server function `F` with `args`, as the hydrated app does: posted form-encoded
    /// to the function's own path (`F::PATH`), asking for a JSON answer.
    pub async fn call<F>(&self, args: F, cookie: Option<&str>) -> TestResponse
    where
        F: leptos::server_fn::ServerFn + serde::Serialize,
    {
        let value = serde_json::to_value(&args).expect("server function arguments");
        let mut form = Vec::new();
        if let serde_json::Value::Object(fields) = &value {
            for (name, field) in fields {
                form.extend(form_fields(name, field));
            }
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post_form(F::PATH, &form, cookie).await
    }

    /// Posts `form` to `path` the way the hydrated app calls a server function
    /// (form-encoded, JSON answer): for requests a typed [`TestApp::call`] cannot make.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        let mut request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::from(encode_form(form))).unwrap())
            .await
    }

    /// `call` from the network address `ip`, as the server sees a client connect.
    pub async fn call_from(
        &self,
        ip: &str,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        let mut request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let mut request = request.body(Body::from(encode_form(form))).unwrap();
        let addr: SocketAddr = format!("{ip}:40000").parse().expect("an IPv4 address");
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(addr));
        self.send(request).await
    }

    /// Registers (`RegisterTalent` or `RegisterEnterprise`) and
    /// opens the link the hub sends to the login, as the new account's owner would; returns
    /// the confirmation's answer, which signs in. A refused registration's own answer is
    /// returned as it is.
    pub async fn register<F>(&self, registration: F) -> TestResponse
    where
        F: leptos::server_fn::ServerFn + serde::Serialize,
    {
        let fields = serde_json::to_value(&registration).expect("registration fields");
        let login = fields["login"].as_str().unwrap_or_default().to_string();
        let registered = self.call(registration, None).await;
        if !registered.status.is_success() {
            return registered;
        }
        let login = login.as_str();
        let token = self
            .confirmation_token(login)
            .await
            .unwrap_or_else(|| panic!("no registration link was sent to {login}"));
        self.call(
            app::accounts::api::ConfirmRegistration { token, next: None },
            None,
        )
        .await
    }

    /// The token of the newest registration link sent to `login` (as typed), if any.
    pub async fn confirmation_token(&self, login: &str) -> Option<String> {
        let address = match app::accounts::model::Login::parse(login).ok()? {
            app::accounts::model::Login::Email(email) => email,
            app::accounts::model::Login::Phone(phone) => format!("sms:{phone}"),
        };
        let bodies: Vec<(String,)> =
            sqlx::query_as("SELECT body FROM outbox WHERE to_address = $1 ORDER BY id DESC")
                .bind(address)
                .fetch_all(self.db.reader())
                .await
                .expect("outbox readable");
        bodies.iter().find_map(|(body,)| {
            let rest = body.split("/register/confirm?token=").nth(1)?;
            Some(rest.chars().take_while(char::is_ascii_hexdigit).collect())
        })
    }

    /// A page as a browser with the given session cookie gets it.
    pub async fn get_as(&self, path: &str, cookie: &str) -> TestResponse {
        self.send(
            Request::get(path)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// Signs in and returns the session cookie (`hub_session=…`).
    pub async fn sign_in(&self, login: &str, password: &str) -> String {
        let response = self
            .call(
                app::accounts::api::SignIn {
                    login: login.into(),
                    password: password.into(),
                    next: None,
                },
                None,
            )
            .await;
        assert!(
            response.status.is_success() || response.status.is_redirection(),
            "sign in as {login}: {} {}",
            response.status,
            response.body
        );
        response.session_cookie().expect("a session cookie")
    }

    /// Uploads `bytes` as the multipart part `file` named `filename`, as a script would
    /// (asking for a JSON answer).
    pub async fn upload(
        &self,
        path: &str,
        filename: &str,
        bytes: &[u8],
        cookie: &str,
    ) -> TestResponse {
        let boundary = "----hub-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
             Content-Type: application/pdf\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("accept", "application/json")
            .header("cookie", cookie)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Posts a multipart form of text `fields` and, optionally, one file part named `file`
    /// (`(file name, bytes)`), as a browser form would; `json` asks for a JSON answer.
    pub async fn multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
        cookie: &str,
        json: bool,
    ) -> TestResponse {
        let boundary = "----hub-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((filename, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut request = Request::post(path)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("cookie", cookie);
        request = if json {
            request.header("accept", "application/json")
        } else {
            request.header("accept", "text/html")
        };
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestResponse {
    async fn read(response: Response<Body>) -> TestResponse {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .expect("body readable");
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The `hub_session=…` pair this response sets, if it starts a session.
    pub fn session_cookie(&self) -> Option<String> {
        self.cookie("hub_session")
    }

    /// The `name=…` pair this response sets (not one that clears it), if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| pair.starts_with(&prefix) && pair.len() > prefix.len())
            .map(str::to_string)
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// `application/x-www-form-urlencoded` body.
pub fn encode_form(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                app::format::url_encode(k),
                app::format::url_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Creates an empty database with a unique name on the test server and returns its URL.
pub async fn fresh_postgres_database() -> String {
    let admin_url = std::env::var("TEST_DATABASE_URL").expect(
        "TEST_DATABASE_URL must name a PostgreSQL server for the PostgreSQL tests \
         (scripts/test.sh starts a throw-away one)",
    );
    let name = format!("hub_test_{:016x}", rand::random::<u64>());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("connect to TEST_DATABASE_URL: {e}"));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create test database");
    admin.close().await.ok();
    with_database(&admin_url, &name)
}

/// `postgres://user@host:port/postgres?x=y` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_end = base
        .find("://")
        .map(|scheme| scheme + 3)
        .and_then(|start| base[start..].find('/').map(|slash| start + slash))
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..authority_end])
}

/// One runtime for every test of a test binary. Leptos keeps process-wide state tied to
/// the runtime it first ran on; with a runtime per test, a test could wait forever on a
/// task handed to the runtime of a test that had already finished.
pub fn run<F: std::future::Future<Output = ()>>(test: F) {
    static RUNTIME: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test runtime")
    });
    RUNTIME.block_on(test);
}

/// `n` new accounts of `role`, each with a session: (account id, session cookie). Made
/// directly in the database, since signing in through the API hashes a password each
/// time and many people are needed at once.
pub async fn accounts(app: &TestApp, role: &str, tag: &str, n: usize) -> Vec<(i64, String)> {
    let now = app::db::now_ms();
    let mut people = Vec::new();
    for i in 0..n {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO accounts (role, email, display_name, password_hash, created_at) \
             VALUES ($1, $2, $3, 'not-a-hash', $4) RETURNING id",
        )
        .bind(role)
        .bind(format!("{tag}{i}@people.test"))
        .bind(format!("{tag} {i}"))
        .bind(now)
        .fetch_one(app.db.writer())
        .await
        .expect("account");
        let token = format!("{tag}-{i}-{now}-session-token");
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(app::accounts::store::session_key(&token))
        .bind(id)
        .bind(now)
        .bind(now + 86_400_000)
        .execute(app.db.writer())
        .await
        .expect("session");
        people.push((id, format!("hub_session={token}")));
    }
    people
}

/// Runs the test body once on SQLite and once on PostgreSQL. The PostgreSQL variant is
/// `#[ignore]`d so a plain `cargo test` needs no server; `scripts/test.sh` runs it with
/// `--include-ignored` against its throw-away cluster.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                use super::*;
                #[test]
                fn sqlite() {
                    common::run(async {
                        super::$name(common::TestApp::start(common::Backend::Sqlite).await).await;
                    });
                }
                #[test]
                #[ignore = "needs TEST_DATABASE_URL; scripts/test.sh runs it"]
                fn postgres() {
                    common::run(async {
                        super::$name(common::TestApp::start(common::Backend::Postgres).await).await;
                    });
                }
            }
        )*
    };
}

#[test]
fn database_name_is_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://u@h:5/postgres", "x"),
        "postgres://u@h:5/x"
    );
    assert_eq!(with_database("postgres://u@h:5", "x"), "postgres://u@h:5/x");
    assert_eq!(
        with_database("postgres://u@h:5/p?sslmode=disable", "x"),
        "postgres://u@h:5/x?sslmode=disable"
    );
}

/// A value as the form fields a browser would post for it: `prefix[field][0][part]=…`.
pub fn form_fields(prefix: &str, value: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                out.extend(form_fields(&format!("{prefix}[{key}]"), child));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                out.extend(form_fields(&format!("{prefix}[{i}]"), child));
            }
        }
        serde_json::Value::String(text) => out.push((prefix.to_string(), text.clone())),
        serde_json::Value::Null => {}
        other => out.push((prefix.to_string(), other.to_string())),
    }
    out
}

/// The smallest file that is a PDF by its content.
pub const TINY_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
