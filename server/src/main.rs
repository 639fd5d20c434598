//! `server`: runs the hub. Configuration comes from environment variables (`--help`).
use server::config::{self, Config, LogFormat};
use std::process::ExitCode;

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        None => {}
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
    let state = server::AppState {
        leptos_options,
        db: db.clone(),
    };
    let app = server::router(state);

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("HUB_ADDR: cannot listen on {}: {e}", config.addr))?;
    let url = format!("http://{}", listener.local_addr().unwrap_or(config.addr));
    println!("Liangjiang Yingcai Hub is running at {url}");
    tracing::info!(%url, "listening");

    axum::serve(listener, app)
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
