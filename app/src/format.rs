//! Numbers and money formatted the way each language writes them.
//! Money is always integer fen (1 yuan = 100 fen), never a float.
use crate::i18n::Locale;

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const YUAN: u64 = 100;
const WAN: u64 = 10_000 * YUAN;
const YI: u64 = 100_000_000 * YUAN;
const MILLION: u64 = 1_000_000 * YUAN;

/// An amount in fen for people: Chinese uses 万 and 亿 for round sums
/// (`3000万元`), English uses millions (`30 million yuan`).
pub fn yuan(fen: i64, locale: Locale) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let body = match locale {
        Locale::zh if abs >= YI && abs.is_multiple_of(YI) => format!("{}亿元", abs / YI),
        Locale::zh if abs >= WAN && abs.is_multiple_of(WAN) => format!("{}万元", abs / WAN),
        Locale::zh => format!("{}元", plain(abs)),
        Locale::en if abs >= MILLION && abs.is_multiple_of(MILLION) => {
            format!("{} million yuan", group_thousands(abs / MILLION))
        }
        Locale::en => format!("{} yuan", plain(abs)),
    };
    format!("{sign}{body}")
}

/// Grouped yuan with fen shown only when there are any: `12,345.60`.
fn plain(fen: u64) -> String {
    let whole = group_thousands(fen / YUAN);
    match fen % YUAN {
        0 => whole,
        cents => format!("{whole}.{cents:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_chooses_the_plural_the_number_needs() {
        let pattern = "At least %1 {%1:year|years}";
        assert_eq!(fill(pattern, &["1"]), "At least 1 year");
        assert_eq!(fill(pattern, &["3"]), "At least 3 years");
        assert_eq!(fill(pattern, &["0"]), "At least 0 years");
        assert_eq!(fill("%1 of %2 {%2:row|rows}", &["1", "1"]), "1 of 1 row");
        assert_eq!(fill("{%9:a|b} {%x} %1", &["v"]), "{%9:a|b} {%x} v");
        assert_eq!(
            fill("%1 and %10", &["a", "", "", "", "", "", "", "", "", "j"]),
            "a and j"
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(90_000), "90,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn policy_figures_read_naturally_in_both_languages() {
        let subsidy = 30_000_000 * 100;
        let scientist = 100_000_000 * 100;
        let graduate = 10_000 * 100;
        assert_eq!(yuan(subsidy, Locale::zh), "3000万元");
        assert_eq!(yuan(scientist, Locale::zh), "1亿元");
        assert_eq!(yuan(graduate, Locale::zh), "1万元");
        assert_eq!(yuan(subsidy, Locale::en), "30 million yuan");
        assert_eq!(yuan(scientist, Locale::en), "100 million yuan");
        assert_eq!(yuan(graduate, Locale::en), "10,000 yuan");
    }

    #[test]
    fn odd_amounts_keep_their_fen() {
        assert_eq!(yuan(1_234_560, Locale::zh), "12,345.60元");
        assert_eq!(yuan(1_234_567, Locale::en), "12,345.67 yuan");
        assert_eq!(yuan(-5_00, Locale::en), "-5 yuan");
        assert_eq!(yuan(0, Locale::zh), "0元");
    }
}

/// Percent-encodes a value for a query string (everything but unreserved characters).
pub fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// `%1`, `%2` in a translated pattern replaced by values. A plural choice `{%1:year|years}`
/// becomes its first word when value 1 is exactly `1`, else its second, so English says
/// "1 year" and "3 years"; Chinese patterns need none.
pub fn fill(pattern: &str, values: &[&str]) -> String {
    let mut text = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("{%") {
        text.push_str(&rest[..start]);
        let choice = &rest[start..];
        let parsed = choice.find('}').and_then(|end| {
            let (number, forms) = choice[2..end].split_once(':')?;
            let (one, other) = forms.split_once('|')?;
            let value = values.get(number.parse::<usize>().ok()?.checked_sub(1)?)?;
            Some((if *value == "1" { one } else { other }, end))
        });
        match parsed {
            Some((word, end)) => {
                text.push_str(word);
                rest = &choice[end + 1..];
            }
            None => {
                text.push_str("{%");
                rest = &choice[2..];
            }
        }
    }
    text.push_str(rest);
    // From the highest number down, so `%1` never eats the start of `%10`.
    values
        .iter()
        .enumerate()
        .rev()
        .fold(text, |text, (i, value)| {
            text.replace(&format!("%{}", i + 1), value)
        })
}

/// `2026-11-25 14:30` in China Standard Time (UTC+8, no daylight saving), the time the
/// office works in, for a Unix-millisecond timestamp. The same in both languages.
pub fn datetime(ms: i64) -> String {
    const CST_OFFSET_MS: i64 = 8 * 60 * 60 * 1000;
    let local = ms + CST_OFFSET_MS;
    let days = local.div_euclid(86_400_000);
    let minutes_of_day = local.rem_euclid(86_400_000) / 60_000;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        minutes_of_day / 60,
        minutes_of_day % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod datetime_tests {
    use super::{datetime, url_encode};

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(url_encode("李 a&b/c"), "%E6%9D%8E%20a%26b%2Fc");
    }

    #[test]
    fn timestamps_show_in_china_time() {
        assert_eq!(datetime(0), "1970-01-01 08:00");
        // 2026-11-24T16:30:00Z is 00:30 the next day in Chongqing.
        assert_eq!(datetime(1_795_537_800_000), "2026-11-25 00:30");
        // A leap day.
        assert_eq!(datetime(1_709_164_800_000), "2024-02-29 08:00");
    }
}

/// Milliseconds since 1970 on the server or in the browser (where the system clock of
/// the standard library is not available).
pub fn clock_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

/// An amount typed in yuan (`10000`, `10,000`, `9999.5`, `0.01`) as fen, without floats.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('元')
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() || fraction.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yuan: i64 = whole.parse().ok()?;
    let fen: i64 = format!("{fraction:0<2}").parse().ok()?;
    yuan.checked_mul(100)?.checked_add(fen)
}

#[cfg(test)]
mod parse_tests {
    #[test]
    fn amounts_in_yuan_become_fen_exactly() {
        use super::parse_yuan;
        assert_eq!(parse_yuan("10000"), Some(1_000_000));
        assert_eq!(parse_yuan("10,000"), Some(1_000_000));
        assert_eq!(parse_yuan("9999.5"), Some(999_950));
        assert_eq!(parse_yuan("0.01"), Some(1));
        assert_eq!(parse_yuan("100元"), Some(10_000));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("-5"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan(""), None);
        assert_eq!(parse_yuan("99999999999999999999"), None);
    }
}
