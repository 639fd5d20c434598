//! Configuration from environment variables, checked once at start. A bad value stops
//! the server with one line naming the variable and what is wrong with it.
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Every variable the server reads, with its default and meaning (printed by `--help`).
pub const VARIABLES: &[(&str, &str, &str)] = &[
    (
        "HUB_ADDR",
        "127.0.0.1:3000",
        "address and port to listen on",
    ),
    (
        "DATABASE_URL",
        "sqlite://$HUB_DATA_DIR/hub.db",
        "sqlite://PATH (created on first start) or postgres://USER@HOST/DB",
    ),
    (
        "HUB_DATA_DIR",
        "data",
        "directory for the SQLite database and stored files",
    ),
    (
        "HUB_ENV",
        "development",
        "development or production (production refuses demo data and needs HUB_PUBLIC_URL and HUB_ID_KEY)",
    ),
    (
        "HUB_DEMO_DATA",
        "false",
        "true to load demo accounts and catalogue entries at start",
    ),
    (
        "HUB_SITE_ROOT",
        "target/site",
        "directory holding the built pkg/ assets (cargo-leptos site-root)",
    ),
    (
        "HUB_DB_MAX_CONNECTIONS",
        "10",
        "size of the database connection pool (readers on SQLite)",
    ),
    (
        "HUB_LOG",
        "info",
        "log filter: error, warn, info, debug, trace, or tracing directives",
    ),
    ("HUB_LOG_FORMAT", "text", "text or json"),
    (
        "HUB_PUBLIC_URL",
        "(unset)",
        "https://host the public reaches the hub at: the only origin allowed to post, and Secure cookies when https",
    ),
    (
        "HUB_UPLOAD_DIR",
        "$HUB_DATA_DIR/uploads",
        "directory for uploaded materials (shared storage when several servers run)",
    ),
    (
        "HUB_MAX_UPLOAD_MB",
        "10",
        "largest uploaded file, in megabytes",
    ),
    (
        "HUB_SMTP_URL",
        "(unset)",
        "smtps://user:password@host:465 or smtp://host:25?tls=required; unset: e-mails are logged, not sent",
    ),
    (
        "HUB_MAIL_DIR",
        "(unset)",
        "directory where e-mails and text messages are written as plain-text files instead of being sent (for trying the hub out; not together with HUB_SMTP_URL)",
    ),
    (
        "HUB_MAIL_FROM",
        "Liangjiang Yingcai Hub <noreply@localhost>",
        "sender of the hub's e-mails",
    ),
    (
        "HUB_SEARCH_KEY",
        "(unset)",
        "secret for the keyed hashes staff search ID numbers by; every server sharing a database needs the same one (unset: a key kept in $HUB_DATA_DIR/search.key)",
    ),
    (
        "HUB_ID_KEY",
        "(unset)",
        "secret (32+ characters) the ID numbers in talent profiles are encrypted with; every server sharing a database needs the same one, and losing it loses the numbers (unset: a key kept in $HUB_DATA_DIR/id.key)",
    ),
    (
        "HUB_TRUSTED_PROXY",
        "false",
        "true when a reverse proxy in front sets X-Forwarded-For (client address for throttling and the audit log)",
    ),
    (
        "HUB_RETAIN_TRACKING_DAYS",
        "30",
        "days requests to follow a case without an account (codes, addresses) are kept",
    ),
    (
        "HUB_RETAIN_MESSAGES_DAYS",
        "90",
        "days sent e-mails and text messages are kept in the outbox",
    ),
    (
        "HUB_RETAIN_AUDIT_DAYS",
        "365",
        "days the audit log is kept (at least 180: the Cybersecurity Law's six months)",
    ),
    (
        "HUB_METRICS_ALLOW",
        "(unset)",
        "comma-separated client addresses (the Prometheus servers) that may read /metrics",
    ),
    (
        "HUB_METRICS_TOKEN",
        "(unset)",
        "secret (16+ characters) that opens /metrics as `Authorization: Bearer TOKEN`; with neither this nor HUB_METRICS_ALLOW, /metrics is off",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub production: bool,
    pub demo_data: bool,
    pub site_root: PathBuf,
    pub db_max_connections: u32,
    pub log: String,
    pub log_format: LogFormat,
    /// Origin (`scheme://host[:port]`) of `HUB_PUBLIC_URL`, if set.
    pub public_origin: Option<String>,
    pub trusted_proxy: bool,
    pub upload_dir: PathBuf,
    pub max_upload_bytes: u64,
    pub smtp_url: Option<String>,
    /// `HUB_MAIL_DIR`: messages are written there instead of being sent.
    pub mail_dir: Option<PathBuf>,
    pub mail_from: String,
    /// `HUB_SEARCH_KEY`, if set.
    pub search_key: Option<String>,
    /// `HUB_ID_KEY`, if set.
    pub id_key: Option<String>,
    /// `HUB_RETAIN_*`: how long data that has served its purpose is kept.
    pub retention: app::retention::model::Retention,
    /// `HUB_METRICS_ALLOW`: who may read `/metrics` without the token.
    pub metrics_allow: Vec<std::net::IpAddr>,
    /// `HUB_METRICS_TOKEN`, if set.
    pub metrics_token: Option<String>,
}

/// Which variable is wrong and why.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration error: {}: {}", self.variable, self.reason)
    }
}

impl std::error::Error for ConfigError {}

fn error(variable: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        reason: reason.into(),
    }
}

fn parse_bool(variable: &'static str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err(error(variable, format!("'{value}' is not true or false"))),
    }
}

/// Reads settings by name; a setting that is empty counts as unset.
struct Settings<F: Fn(&str) -> Option<String>> {
    lookup: F,
}

impl<F: Fn(&str) -> Option<String>> Settings<F> {
    fn get(&self, name: &str) -> Option<String> {
        (self.lookup)(name).filter(|v| !v.trim().is_empty())
    }

    fn flag(&self, name: &'static str) -> Result<bool, ConfigError> {
        self.get(name)
            .map_or(Ok(false), |value| parse_bool(name, &value))
    }

    /// A whole number in `range`, `default` when unset.
    fn number(
        &self,
        name: &'static str,
        default: u64,
        range: std::ops::RangeInclusive<u64>,
    ) -> Result<u64, ConfigError> {
        let Some(value) = self.get(name) else {
            return Ok(default);
        };
        match value.trim().parse::<u64>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(error(
                name,
                format!(
                    "'{value}' is not a number from {} to {}",
                    range.start(),
                    range.end()
                ),
            )),
        }
    }

    /// One of `choices` (each with the names it may be given by), the first when unset.
    fn choice<T: Copy>(
        &self,
        name: &'static str,
        choices: &[(&[&str], T)],
        expected: &str,
    ) -> Result<T, ConfigError> {
        let Some(value) = self.get(name) else {
            return Ok(choices[0].1);
        };
        let value = value.trim();
        choices
            .iter()
            .find(|(names, _)| names.contains(&value))
            .map(|(_, choice)| *choice)
            .ok_or_else(|| error(name, format!("'{value}' is not {expected}")))
    }

    /// A secret of at least `min_chars`, if set.
    fn secret(
        &self,
        name: &'static str,
        min_chars: usize,
        hint: &str,
    ) -> Result<Option<String>, ConfigError> {
        let secret = self.get(name).map(|k| k.trim().to_string());
        if secret.as_ref().is_some_and(|k| k.len() < min_chars) {
            return Err(error(
                name,
                format!("must be at least {min_chars} characters{hint}"),
            ));
        }
        Ok(secret)
    }
}

/// Where e-mail goes (an SMTP server or a directory) and whom it is from.
type MailSettings = (Option<String>, Option<PathBuf>, String);

fn mail_settings<F: Fn(&str) -> Option<String>>(
    settings: &Settings<F>,
) -> Result<MailSettings, ConfigError> {
    let smtp_url = settings
        .get("HUB_SMTP_URL")
        .map(|url| url.trim().to_string());
    let mail_dir = settings
        .get("HUB_MAIL_DIR")
        .map(|dir| PathBuf::from(dir.trim()));
    if mail_dir.is_some() && smtp_url.is_some() {
        // Either the messages go out or they stay here; both would leave people
        // wondering why no e-mail arrived.
        return Err(error(
            "HUB_MAIL_DIR",
            "set either HUB_MAIL_DIR or HUB_SMTP_URL, not both",
        ));
    }
    if let Some(url) = &smtp_url
        && crate::outbox::transport(url).is_err()
    {
        // Never echo the URL: it holds a password.
        return Err(error(
            "HUB_SMTP_URL",
            "is not an smtp:// or smtps:// address",
        ));
    }
    let mail_from = settings
        .get("HUB_MAIL_FROM")
        .unwrap_or_else(|| "Liangjiang Yingcai Hub <noreply@localhost>".into());
    if mail_from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(error(
            "HUB_MAIL_FROM",
            format!("'{mail_from}' is not an address like Name <user@host>"),
        ));
    }
    Ok((smtp_url, mail_dir, mail_from))
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let settings = Settings { lookup };
        let get = |name: &str| settings.get(name);

        let addr = match get("HUB_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(value) => value.trim().parse().map_err(|_| {
                error(
                    "HUB_ADDR",
                    format!("'{value}' is not an address with a port, like 127.0.0.1:3000"),
                )
            })?,
        };

        let data_dir = PathBuf::from(get("HUB_DATA_DIR").unwrap_or_else(|| "data".into()));

        let database_url = match get("DATABASE_URL") {
            None => format!("sqlite://{}", data_dir.join("hub.db").display()),
            Some(url) => {
                let url = url.trim().to_string();
                let known = ["sqlite:", "postgres://", "postgresql://"];
                if !known.iter().any(|prefix| url.starts_with(prefix)) {
                    // Never echo the URL: it may hold a password.
                    return Err(error(
                        "DATABASE_URL",
                        "must start with sqlite:// or postgres://",
                    ));
                }
                url
            }
        };

        let production = settings.choice(
            "HUB_ENV",
            &[
                (&["development", "dev"], false),
                (&["production", "prod"], true),
            ],
            "development or production",
        )?;

        let demo_data = settings.flag("HUB_DEMO_DATA")?;
        if demo_data && production {
            return Err(error(
                "HUB_DEMO_DATA",
                "demo data cannot be loaded when HUB_ENV=production",
            ));
        }

        let site_root = PathBuf::from(get("HUB_SITE_ROOT").unwrap_or_else(|| "target/site".into()));

        let db_max_connections = settings.number("HUB_DB_MAX_CONNECTIONS", 10, 1..=1000)? as u32;

        let log = get("HUB_LOG").unwrap_or_else(|| "info".into());
        if tracing_subscriber::EnvFilter::try_new(&log).is_err() {
            return Err(error(
                "HUB_LOG",
                format!("'{log}' is not a log level or tracing filter"),
            ));
        }

        let log_format = settings.choice(
            "HUB_LOG_FORMAT",
            &[(&["text"], LogFormat::Text), (&["json"], LogFormat::Json)],
            "text or json",
        )?;

        let public_origin = match get("HUB_PUBLIC_URL") {
            None => None,
            Some(url) => Some(parse_origin(url.trim()).ok_or_else(|| {
                error(
                    "HUB_PUBLIC_URL",
                    format!("'{url}' is not an http:// or https:// address like https://hub.example.gov.cn"),
                )
            })?),
        };
        if production && public_origin.is_none() {
            // Without it, the origin check can only trust the request's own Host header.
            return Err(error(
                "HUB_PUBLIC_URL",
                "must be set when HUB_ENV=production, to the https:// address the public uses",
            ));
        }
        let trusted_proxy = settings.flag("HUB_TRUSTED_PROXY")?;

        let upload_dir = get("HUB_UPLOAD_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("uploads"));
        let max_upload_bytes = settings.number("HUB_MAX_UPLOAD_MB", 10, 1..=100)? * 1024 * 1024;

        let (smtp_url, mail_dir, mail_from) = mail_settings(&settings)?;
        let search_key = settings.secret("HUB_SEARCH_KEY", 16, "")?;
        let id_key = settings.secret(
            "HUB_ID_KEY",
            32,
            " (for example from `openssl rand -hex 32`)",
        )?;
        if production && id_key.is_none() {
            // A key file in the data directory travels with every copy of the data, which
            // is what encryption at rest is to protect against.
            return Err(error(
                "HUB_ID_KEY",
                "must be set when HUB_ENV=production (from a secret store, not a file beside the data)",
            ));
        }

        let metrics_allow = match get("HUB_METRICS_ALLOW") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| {
                    a.parse().map_err(|_| {
                        error(
                            "HUB_METRICS_ALLOW",
                            format!("'{a}' is not an IP address (a list like 10.0.0.30,10.0.0.31)"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let metrics_token = settings.secret("HUB_METRICS_TOKEN", 16, "")?;
        let defaults = app::retention::model::Retention::default();
        let days = |name, default: i64, least: i64| {
            settings
                .number(name, default as u64, least as u64..=3650)
                .map(|n| n as i64)
        };
        let retention = app::retention::model::Retention {
            tracking_days: days("HUB_RETAIN_TRACKING_DAYS", defaults.tracking_days, 1)?,
            messages_days: days("HUB_RETAIN_MESSAGES_DAYS", defaults.messages_days, 1)?,
            audit_days: days(
                "HUB_RETAIN_AUDIT_DAYS",
                defaults.audit_days,
                app::retention::model::MIN_AUDIT_DAYS,
            )?,
        };

        Ok(Config {
            addr,
            database_url,
            data_dir,
            production,
            demo_data,
            site_root,
            db_max_connections,
            log,
            log_format,
            public_origin,
            trusted_proxy,
            upload_dir,
            max_upload_bytes,
            smtp_url,
            mail_dir,
            mail_from,
            search_key,
            id_key,
            retention,
            metrics_allow,
            metrics_token,
        })
    }

    /// The key staff search hashes ID numbers with: `HUB_SEARCH_KEY`, else one kept in
    /// the data directory (created on first start, readable by the server only).
    pub fn search_key_bytes(&self) -> Result<Vec<u8>, String> {
        self.secret(self.search_key.as_deref(), "search.key")
    }

    /// The secret ID numbers are encrypted with: `HUB_ID_KEY`, else one kept in the data
    /// directory like the search key.
    pub fn id_key_bytes(&self) -> Result<Vec<u8>, String> {
        self.secret(self.id_key.as_deref(), "id.key")
    }

    /// `configured`, else the key in `HUB_DATA_DIR/file` (256 random bits in hex, created
    /// on first start, readable by the server only).
    fn secret(&self, configured: Option<&str>, file: &str) -> Result<Vec<u8>, String> {
        if let Some(key) = configured {
            return Ok(key.as_bytes().to_vec());
        }
        let path = self.data_dir.join(file);
        let read = |path: &std::path::Path| match std::fs::read_to_string(path) {
            Ok(text) if !text.trim().is_empty() => Ok(text.trim().as_bytes().to_vec()),
            Ok(_) => Err(format!("{} is empty", path.display())),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        };
        if path.exists() {
            return read(&path);
        }
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let key = hex::encode(bytes);
        std::fs::create_dir_all(&self.data_dir).map_err(|e| format!("HUB_DATA_DIR: {e}"))?;
        // Written whole under a temporary name, then linked into place: a second server
        // starting on the same directory either links first or reads the finished file.
        let temporary = self
            .data_dir
            .join(format!(".{file}.{}", hex::encode(&bytes[..8])));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        use std::io::Write;
        let written = options
            .open(&temporary)
            .and_then(|mut f| f.write_all(key.as_bytes()).and_then(|()| f.sync_all()))
            .and_then(|()| std::fs::hard_link(&temporary, &path));
        let _ = std::fs::remove_file(&temporary);
        match written {
            Ok(()) => Ok(key.into_bytes()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read(&path),
            Err(e) => Err(format!("cannot create {}: {e}", path.display())),
        }
    }

    /// Cookies are `Secure` when the public address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_origin
            .as_deref()
            .is_some_and(|origin| origin.starts_with("https://"))
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }
}

/// `https://hub.example.gov.cn/path` → `https://hub.example.gov.cn`.
/// `scheme://host[:port]` in the form browsers send as `Origin`: lower case, without the
/// scheme's default port, so a setting of `https://Hub.example:443/` still matches.
pub fn parse_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let host = rest.split('/').next()?.to_ascii_lowercase();
    if host.is_empty()
        || host.contains(|c: char| c.is_whitespace() || c.is_control())
        || host.contains('@')
    {
        return None;
    }
    let host = host.strip_suffix(default_port).unwrap_or(&host);
    Some(format!("{scheme}://{host}"))
}

/// The text of `server --help`.
pub fn help() -> String {
    let mut text = String::from(
        "Liangjiang Yingcai Hub server\n\n\
         Usage: server [--help | --version]\n\
         \x20      server create-admin --email ADDRESS --name NAME\n\
         \x20             (password from HUB_ADMIN_PASSWORD, or one line on standard input)\n\
         \x20      server backup --to DIR      (SQLite: a consistent copy while the hub serves)\n\
         \x20      server restore --from DIR   (into a data directory with no database yet)\n\n\
         Configuration comes from environment variables:\n",
    );
    for (name, default, meaning) in VARIABLES {
        text.push_str(&format!(
            "  {name:<24} {meaning}\n  {:<24} default: {default}\n",
            ""
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_give_a_local_sqlite_hub() {
        let c = config(&[]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url, "sqlite://data/hub.db");
        assert!(!c.production);
        assert!(!c.demo_data);
        assert!(!c.is_postgres());
        assert_eq!(c.log_format, LogFormat::Text);
        assert_eq!(c.db_max_connections, 10);
    }

    #[test]
    fn database_follows_the_data_directory() {
        let c = config(&[("HUB_DATA_DIR", "/var/lib/hub")]).unwrap();
        assert_eq!(c.database_url, "sqlite:///var/lib/hub/hub.db");
    }

    #[test]
    fn postgres_urls_are_recognised() {
        let c = config(&[("DATABASE_URL", "postgres://hub@db/hub")]).unwrap();
        assert!(c.is_postgres());
        let c = config(&[("DATABASE_URL", "postgresql://hub@db/hub")]).unwrap();
        assert!(c.is_postgres());
    }

    #[test]
    fn bad_values_name_the_variable() {
        let e = config(&[("HUB_ADDR", "localhost")]).unwrap_err();
        assert_eq!(e.variable, "HUB_ADDR");
        assert!(e.to_string().contains("127.0.0.1:3000"));

        let e = config(&[("DATABASE_URL", "mysql://root:secret@db/hub")]).unwrap_err();
        assert_eq!(e.variable, "DATABASE_URL");
        assert!(!e.to_string().contains("secret"), "password leaked: {e}");

        let e = config(&[("HUB_DEMO_DATA", "maybe")]).unwrap_err();
        assert_eq!(e.variable, "HUB_DEMO_DATA");

        let e = config(&[("HUB_ENV", "staging")]).unwrap_err();
        assert_eq!(e.variable, "HUB_ENV");

        let e = config(&[("HUB_DB_MAX_CONNECTIONS", "0")]).unwrap_err();
        assert_eq!(e.variable, "HUB_DB_MAX_CONNECTIONS");

        let e = config(&[("HUB_LOG_FORMAT", "xml")]).unwrap_err();
        assert_eq!(e.variable, "HUB_LOG_FORMAT");

        let e = config(&[("HUB_LOG", "[[[")]).unwrap_err();
        assert_eq!(e.variable, "HUB_LOG");

        let e = config(&[
            ("HUB_MAIL_DIR", "data/mail"),
            ("HUB_SMTP_URL", "smtp://127.0.0.1:25"),
        ])
        .unwrap_err();
        assert_eq!(e.variable, "HUB_MAIL_DIR");
        let c = config(&[("HUB_MAIL_DIR", "data/mail")]).unwrap();
        assert_eq!(c.mail_dir, Some(PathBuf::from("data/mail")));
    }

    #[test]
    fn public_url_sets_origin_and_secure_cookies() {
        let c = config(&[("HUB_PUBLIC_URL", "https://Hub.Example.gov.cn/portal")]).unwrap();
        assert_eq!(
            c.public_origin.as_deref(),
            Some("https://hub.example.gov.cn")
        );
        assert!(c.secure_cookies());
        let c = config(&[("HUB_PUBLIC_URL", "http://localhost:3000")]).unwrap();
        assert!(!c.secure_cookies());
        let e = config(&[("HUB_PUBLIC_URL", "hub.example.gov.cn")]).unwrap_err();
        assert_eq!(e.variable, "HUB_PUBLIC_URL");
        let e = config(&[("HUB_TRUSTED_PROXY", "perhaps")]).unwrap_err();
        assert_eq!(e.variable, "HUB_TRUSTED_PROXY");
    }

    #[test]
    fn origins_are_compared_in_the_form_browsers_send() {
        assert_eq!(
            parse_origin("https://Hub.example:443/x").as_deref(),
            Some("https://hub.example")
        );
        assert_eq!(
            parse_origin("http://hub.example:80").as_deref(),
            Some("http://hub.example")
        );
        assert_eq!(
            parse_origin("http://hub.example:443").as_deref(),
            Some("http://hub.example:443")
        );
        assert_eq!(
            parse_origin("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        for bad in [
            "null",
            "hub.example",
            "ftp://hub.example",
            "http://",
            "http://a@b",
            "http://a\tb",
        ] {
            assert_eq!(parse_origin(bad), None, "{bad}");
        }
    }

    const AN_ID_KEY: (&str, &str) = ("HUB_ID_KEY", "0123456789abcdef0123456789abcdef");

    #[test]
    fn production_refuses_demo_data() {
        let public = ("HUB_PUBLIC_URL", "https://hub.example.gov.cn");
        let e = config(&[
            ("HUB_ENV", "production"),
            ("HUB_DEMO_DATA", "true"),
            public,
            AN_ID_KEY,
        ])
        .unwrap_err();
        assert_eq!(e.variable, "HUB_DEMO_DATA");
        let c = config(&[("HUB_ENV", "production"), public, AN_ID_KEY]).unwrap();
        assert!(c.production && !c.demo_data);
    }

    #[test]
    fn production_needs_the_id_key_from_outside_the_data_directory() {
        let public = ("HUB_PUBLIC_URL", "https://hub.example.gov.cn");
        let e = config(&[("HUB_ENV", "production"), public]).unwrap_err();
        assert_eq!(e.variable, "HUB_ID_KEY");
        assert!(config(&[("HUB_ENV", "production"), public, AN_ID_KEY]).is_ok());
        // Development keeps creating one in the data directory.
        assert!(config(&[public]).unwrap().id_key.is_none());
    }

    #[test]
    fn production_refuses_to_start_without_a_public_url() {
        let e = config(&[("HUB_ENV", "production")]).unwrap_err();
        assert_eq!(e.variable, "HUB_PUBLIC_URL");
        assert!(e.to_string().contains("HUB_ENV=production"), "{e}");
        let c = config(&[
            ("HUB_ENV", "prod"),
            ("HUB_PUBLIC_URL", "https://hub.example.gov.cn"),
            AN_ID_KEY,
        ])
        .unwrap();
        assert_eq!(
            c.public_origin.as_deref(),
            Some("https://hub.example.gov.cn")
        );
        // Development (run.sh, the end-to-end tests) starts without one.
        assert!(config(&[]).unwrap().public_origin.is_none());
    }

    #[test]
    fn id_key_comes_from_the_environment_or_one_file_in_the_data_directory() {
        let e = config(&[("HUB_ID_KEY", "too short")]).unwrap_err();
        assert_eq!(e.variable, "HUB_ID_KEY");
        let secret = "0123456789abcdef0123456789abcdef";
        let c = config(&[("HUB_ID_KEY", secret)]).unwrap();
        assert_eq!(c.id_key_bytes().unwrap(), secret.as_bytes());

        let dir = std::env::temp_dir().join(format!("hub-config-{}", std::process::id()));
        let data_dir = dir.to_str().unwrap();
        let c = config(&[("HUB_DATA_DIR", data_dir)]).unwrap();
        let first = c.id_key_bytes().unwrap();
        assert_eq!(first.len(), 64);
        // The next start reads the same key; the search key is another one.
        assert_eq!(c.id_key_bytes().unwrap(), first);
        assert_ne!(c.search_key_bytes().unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("id.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn booleans_accept_common_spellings() {
        for yes in ["1", "true", "TRUE", "yes", "on"] {
            assert!(
                config(&[("HUB_DEMO_DATA", yes)]).unwrap().demo_data,
                "{yes}"
            );
        }
        for no in ["0", "false", "no", "off"] {
            assert!(!config(&[("HUB_DEMO_DATA", no)]).unwrap().demo_data, "{no}");
        }
    }

    #[test]
    fn help_lists_every_variable() {
        let text = help();
        for (name, _, _) in VARIABLES {
            assert!(text.contains(name), "{name} missing from --help");
        }
    }

    #[test]
    fn metrics_are_off_unless_addresses_or_a_token_are_given() {
        let c = config(&[]).unwrap();
        assert!(c.metrics_allow.is_empty() && c.metrics_token.is_none());
        let c = config(&[("HUB_METRICS_ALLOW", "10.0.0.30, ::1")]).unwrap();
        assert_eq!(c.metrics_allow.len(), 2);
        let e = config(&[("HUB_METRICS_ALLOW", "10.0.0.0/24")]).unwrap_err();
        assert_eq!(e.variable, "HUB_METRICS_ALLOW");
        let e = config(&[("HUB_METRICS_TOKEN", "short")]).unwrap_err();
        assert_eq!(e.variable, "HUB_METRICS_TOKEN");
    }

    #[test]
    fn retention_periods_have_defaults_and_a_legal_floor_for_the_audit_log() {
        let c = config(&[]).unwrap();
        assert_eq!(c.retention, app::retention::model::Retention::default());
        let c = config(&[("HUB_RETAIN_TRACKING_DAYS", "7")]).unwrap();
        assert_eq!(c.retention.tracking_days, 7);
        let e = config(&[("HUB_RETAIN_AUDIT_DAYS", "30")]).unwrap_err();
        assert_eq!(e.variable, "HUB_RETAIN_AUDIT_DAYS");
        let e = config(&[("HUB_RETAIN_MESSAGES_DAYS", "0")]).unwrap_err();
        assert_eq!(e.variable, "HUB_RETAIN_MESSAGES_DAYS");
    }
}
