//! `server`: runs the hub. Configuration comes from environment variables (`--help`).
use server::config::{self, Config, LogFormat};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {}
        Some("create-admin") => return create_admin_command(&args[1..]),
        Some("backup") => return backup_command(&args[1..], true),
        Some("restore") => return backup_command(&args[1..], false),
        Some("--help" | "-h" | "help") => {
            print!("{}", config::help());
            return ExitCode::SUCCESS;
        }
        Some("--version" | "-V") => {
            println!("server {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("unknown argument '{other}'; run with --help for usage");
            return ExitCode::from(2);
        }
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    init_tracing(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `server backup --to DIR` (while the hub serves) and `server restore --from DIR` (into a
/// hub with no database yet), for the SQLite hub the configuration names.
fn backup_command(args: &[String], backup: bool) -> ExitCode {
    let (flag, usage) = if backup {
        ("--to", "usage: server backup --to DIR")
    } else {
        ("--from", "usage: server restore --from DIR")
    };
    let dir = match args {
        [f, dir] if f == flag => std::path::PathBuf::from(dir),
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let hub = match Config::from_env()
        .map_err(|e| e.to_string())
        .and_then(|c| server::backup::HubFiles::of(&c))
    {
        Ok(hub) => hub,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    run_command(async {
        if backup {
            let manifest = server::backup::backup(&hub, &dir).await?;
            Ok(format!(
                "Backed up {} into {}: {} cases, {} files (manifest.json lists each with its SHA-256).",
                hub.database.display(),
                dir.display(),
                manifest.cases,
                manifest.files.len()
            ))
        } else {
            let restored = server::backup::restore(&dir, &hub).await?;
            Ok::<String, String>(format!(
                "Restored {} from {}: {} cases, {} uploaded files, {} keys; integrity check ok.",
                hub.database.display(),
                dir.display(),
                restored.cases,
                restored.uploads,
                restored.keys
            ))
        }
    })
}

/// Runs a command's work on a fresh runtime; prints what it says on success, or its error.
fn run_command(work: impl std::future::Future<Output = Result<String, String>>) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(work) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `server create-admin --email ADDRESS --name NAME`: creates the first administrator.
/// The password comes from `HUB_ADMIN_PASSWORD` or, if unset, from the first line of
/// standard input, so it never appears in the process list or shell history.
fn create_admin_command(args: &[String]) -> ExitCode {
    let mut email = None;
    let mut name = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--email" => email = rest.next().cloned(),
            "--name" => name = rest.next().cloned(),
            other => {
                eprintln!("create-admin: unknown argument '{other}'");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(email), Some(name)) = (email, name) else {
        eprintln!(
            "usage: server create-admin --email ADDRESS --name NAME  (password from HUB_ADMIN_PASSWORD or stdin)"
        );
        return ExitCode::from(2);
    };
    let password = match std::env::var("HUB_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!("Password for {email} (one line):");
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                eprintln!("create-admin: cannot read the password");
                return ExitCode::from(2);
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    run_command(async {
        let db = server::database::open(&config.database_url, 2)
            .await
            .map_err(|e| format!("DATABASE_URL: {e}"))?;
        let id = server::admin::create_admin(&db, &email, &name, password)
            .await
            .map_err(|e| format!("create-admin: {e}"))?;
        db.close().await;
        Ok(format!("Administrator {email} created (account {id})."))
    })
}

fn init_tracing(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::new(&config.log);
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match config.log_format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

async fn run(config: Config) -> Result<(), String> {
    let db = server::database::open(&config.database_url, config.db_max_connections)
        .await
        .map_err(|e| format!("DATABASE_URL: {e}"))?;
    tracing::info!(backend = db.backend().name(), "database ready");
    if config.is_postgres() && config.search_key.is_none() {
        tracing::warn!(
            "HUB_SEARCH_KEY is unset: with several servers, set the same key on each, or ID-number search finds only what this one indexed"
        );
    }
    if config.is_postgres() && config.id_key.is_none() {
        tracing::warn!(
            "HUB_ID_KEY is unset: with several servers, set the same key on each, or each reads only the ID numbers it encrypted"
        );
    }
    app::profile::store::set_key(&config.id_key_bytes()?);
    let encrypted = app::profile::store::at_start(&db).await?;
    if encrypted > 0 {
        tracing::info!(encrypted, "stored ID numbers encrypted");
    }
    app::search::store::set_key(config.search_key_bytes()?);
    let indexed = app::search::store::index_missing(&db)
        .await
        .map_err(|e| format!("cannot index ID numbers for search: {e}"))?;
    if indexed > 0 {
        tracing::info!(indexed, "ID numbers indexed for staff search");
    }

    if config.demo_data {
        app::demo::seed(&db)
            .await
            .map_err(|e| format!("HUB_DEMO_DATA: cannot load demo data: {e}"))?;
        println!(
            "Demo data is on. Demo accounts (password: {}):",
            app::demo::DEMO_PASSWORD
        );
        for account in app::demo::DEMO_ACCOUNTS.iter() {
            println!("  {:<11} {}", account.role.as_str(), account.login);
        }
    }

    let leptos_options = server::leptos_options(&config.site_root, config.addr);
    let security = server::security::SecuritySettings {
        public_origin: config.public_origin.clone(),
        trusted_proxy: config.trusted_proxy,
        secure_cookies: config.secure_cookies(),
    };
    let mailer = server::outbox::Mailer {
        transport: match &config.smtp_url {
            Some(url) => Some(
                server::outbox::transport(url)
                    .map_err(|_| "HUB_SMTP_URL: not an SMTP address".to_string())?,
            ),
            None => None,
        },
        dir: config.mail_dir.clone(),
        from: config
            .mail_from
            .parse()
            .map_err(|_| "HUB_MAIL_FROM: not an address".to_string())?,
    };
    server::outbox::spawn(db.clone(), mailer);
    server::clocks::spawn(db.clone(), config.retention);
    let uploads = server::uploads::Uploads {
        dir: config.upload_dir.clone(),
        max_bytes: config.max_upload_bytes,
    };
    let mut state = server::AppState::new(leptos_options, db.clone(), security, uploads);
    state.metrics_access = server::metrics::MetricsAccess {
        allow: config.metrics_allow.clone(),
        token: config.metrics_token.clone(),
    };
    let app = server::router(state);

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("HUB_ADDR: cannot listen on {}: {e}", config.addr))?;
    let url = format!("http://{}", listener.local_addr().unwrap_or(config.addr));
    println!("Liangjiang Yingcai Hub is running at {url}");
    // Links in messages need an address mail readers can open: the configured public
    // one, or in development the one just bound (0.0.0.0 names no host, so 127.0.0.1).
    let link_origin = config
        .public_origin
        .clone()
        .unwrap_or_else(|| url.replace("0.0.0.0", "127.0.0.1").replace("[::]", "[::1]"));
    app::links::set_public_origin(&link_origin);
    println!("Links in e-mails and text messages start with {link_origin} (HUB_PUBLIC_URL)");
    if let Some(dir) = &config.mail_dir {
        println!(
            "E-mails and text messages (codes, answers) are written to {}",
            dir.display()
        );
    }
    tracing::info!(%url, "listening");

    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C; requests in flight are finished first.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested; finishing requests in flight");
}
