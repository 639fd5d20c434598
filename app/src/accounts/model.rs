//! Who can use the hub and what a valid account looks like; shared by server and browser,
//! so forms show the same errors before sending that the server enforces after.
pub use crate::error::FieldError;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What a caller may do. A visitor has no account.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Role {
        Visitor => "visitor",
        Talent => "talent",
        Enterprise => "enterprise",
        Staff => "staff",
        Admin => "admin",
    }
}

impl Role {
    /// Staff and administrators work inside the office; their sessions are kept shorter.
    pub fn is_office(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    /// Idle time after which a session ends: 30 minutes in the office, 2 hours for the public.
    pub fn idle_timeout_secs(self) -> i64 {
        if self.is_office() {
            30 * 60
        } else {
            2 * 60 * 60
        }
    }

    /// A session ends this long after sign-in, however active it is.
    pub fn absolute_timeout_secs(self) -> i64 {
        if self.is_office() {
            12 * 60 * 60
        } else {
            7 * 24 * 60 * 60
        }
    }
}

crate::string_enum! {
    /// Whether an account may sign in.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum AccountStatus {
        Active => "active",
        Disabled => "disabled",
    }
}

/// The shortest password accepted (NIST SP 800-63B: length, not composition rules).
pub const MIN_PASSWORD_LEN: usize = 8;
/// Long enough for any passphrase, short enough that hashing cannot be abused.
pub const MAX_PASSWORD_LEN: usize = 128;
pub const MAX_NAME_LEN: usize = 100;

fn invalid(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

/// How someone signs in: an e-mail address or a mainland mobile number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Login {
    Email(String),
    Phone(String),
}

impl Login {
    /// Accepts what people type: surrounding spaces, upper-case e-mail, `+86`, spaces or
    /// dashes inside a phone number.
    pub fn parse(input: &str) -> Result<Login, FieldError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(invalid("login", "err_login_required"));
        }
        if input.contains('@') {
            return normalize_email(input).map(Login::Email);
        }
        normalize_mobile(input).map(Login::Phone)
    }

    pub fn as_str(&self) -> &str {
        match self {
            Login::Email(value) | Login::Phone(value) => value,
        }
    }
}

/// Lower-cased e-mail address with one `@`, a dotted domain and no spaces.
pub fn normalize_email(input: &str) -> Result<String, FieldError> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && local.len() <= 64
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if valid {
        Ok(email)
    } else {
        Err(invalid("email", "err_email_invalid"))
    }
}

/// A mainland China mobile number: 11 digits starting 13–19, optionally written with
/// `+86`/`0086`, spaces or dashes. Returns the 11 digits.
pub fn normalize_mobile(input: &str) -> Result<String, FieldError> {
    let compact: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    let digits = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("0086"))
        .unwrap_or(&compact);
    let bytes = digits.as_bytes();
    let valid = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    if valid {
        Ok(digits.to_string())
    } else {
        Err(invalid("phone", "err_phone_invalid"))
    }
}

/// `138****5678`: phone numbers are shown and logged only like this.
pub fn mask_phone(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "****".to_string()
    }
}

/// `l***@example.cn`: enough to recognise an address, not enough to write to it.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// The characters of a unified social credit code (GB 32100-2015): digits and capitals
/// without I, O, S, V, Z.
const CREDIT_CODE_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Checks a unified social credit code: 18 characters from the code's alphabet whose last
/// character is the check character over the first 17 (weights 3^(i-1) mod 31). Lower-case
/// input is accepted; returns the code in capitals.
pub fn normalize_credit_code(input: &str) -> Result<String, FieldError> {
    let code = input.trim().to_ascii_uppercase();
    let values: Option<Vec<u32>> = code
        .bytes()
        .map(|b| {
            CREDIT_CODE_ALPHABET
                .iter()
                .position(|&c| c == b)
                .map(|p| p as u32)
        })
        .collect();
    let Some(values) = values.filter(|v| v.len() == 18) else {
        return Err(invalid("credit_code", "err_credit_code_format"));
    };
    let mut weight = 1u32;
    let mut sum = 0u32;
    for value in &values[..17] {
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    if values[17] == check {
        Ok(code)
    } else {
        Err(invalid("credit_code", "err_credit_code_check"))
    }
}

/// Length rules only; the server also refuses passwords from a list of common ones.
pub fn check_new_password(password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        Err(invalid("password", "err_password_too_short"))
    } else if length > MAX_PASSWORD_LEN {
        Err(invalid("password", "err_password_too_long"))
    } else {
        Ok(())
    }
}

/// A person's or organisation's name: present, not too long, no control characters.
pub fn normalize_name(field: &'static str, input: &str) -> Result<String, FieldError> {
    let name = input.trim();
    if name.is_empty() {
        Err(invalid(field, "err_required"))
    } else if name.chars().count() > MAX_NAME_LEN {
        Err(invalid(field, "err_too_long"))
    } else if name.chars().any(char::is_control) {
        Err(invalid(field, "err_invalid_characters"))
    } else {
        Ok(name.to_string())
    }
}

/// The page the link of a registration opens (`?token=…`).
pub const CONFIRM_PATH: &str = "/register/confirm";

/// The message with the link that activates a new registration: the hub's own words and
/// the link only, never text the registrant typed. `by_text` for a mobile number.
pub fn confirmation_message(link: &str, by_text: bool) -> (String, String) {
    let subject = "两江英才汇：请确认注册 / Liangjiang Yingcai Hub: confirm your registration";
    let body = if by_text {
        format!(
            "【两江英才汇】请在 24 小时内打开链接激活账户：{link} 如非本人操作，请忽略。\n\
             Liangjiang Yingcai Hub: open {link} within 24 hours to activate your account. \
             Not you? Ignore this message.\n"
        )
    } else {
        format!(
            "您好：\n\n有人使用本邮箱地址注册了两江英才汇账户。如是您本人，请在 24 小时内打开以下链接激活账户：\n\n\
             {link}\n\n如非您本人操作，请忽略本邮件，账户不会被创建。\n\n\
             Hello,\n\nSomeone registered an account on Liangjiang Yingcai Hub with this e-mail \
             address. If it was you, open this link within 24 hours to activate the account:\n\n\
             {link}\n\nIf it was not you, ignore this e-mail: no account is created.\n"
        )
    };
    (subject.to_string(), body)
}

/// The notice to the owner of an address someone tried to register again: nothing
/// changed, and signing in is the way in. `origin` is the hub's public address.
pub fn already_registered_message(origin: &str, by_text: bool) -> (String, String) {
    let subject = "两江英才汇：有人尝试用您的地址注册 / Liangjiang Yingcai Hub: someone tried to register with your address";
    let body = if by_text {
        format!(
            "【两江英才汇】有人尝试用本手机号注册，但该号码已有账户，未创建新账户。如是您本人，请登录：{origin}/signin \
             如非本人操作，请忽略，您的账户没有变化。\n\
             Liangjiang Yingcai Hub: someone tried to register with this mobile number, which \
             already has an account; nothing was created. If it was you, sign in at {origin}/signin. \
             If not, ignore this message: your account is unchanged.\n"
        )
    } else {
        format!(
            "您好：\n\n有人尝试使用本邮箱地址在两江英才汇注册新账户。该地址已有账户，因此没有创建新账户。如是您本人，请直接登录：\n\n\
             {origin}/signin\n\n如非您本人操作，请忽略本邮件，您的账户没有任何变化。\n\n\
             Hello,\n\nSomeone tried to register a new account on Liangjiang Yingcai Hub with \
             this e-mail address. It already has an account, so no new one was created. If it \
             was you, sign in instead:\n\n{origin}/signin\n\n\
             If it was not you, ignore this e-mail: your account is unchanged.\n"
        )
    };
    (subject.to_string(), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in [
            Role::Visitor,
            Role::Talent,
            Role::Enterprise,
            Role::Staff,
            Role::Admin,
        ] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn office_sessions_are_shorter() {
        assert_eq!(Role::Staff.idle_timeout_secs(), 30 * 60);
        assert_eq!(Role::Admin.idle_timeout_secs(), 30 * 60);
        assert!(Role::Talent.idle_timeout_secs() > Role::Staff.idle_timeout_secs());
        for role in [Role::Talent, Role::Enterprise, Role::Staff, Role::Admin] {
            assert!(role.absolute_timeout_secs() > role.idle_timeout_secs());
        }
    }

    #[test]
    fn credit_codes_are_checked_by_their_check_character() {
        assert_eq!(
            normalize_credit_code("91350100M000100Y43").unwrap(),
            "91350100M000100Y43"
        );
        assert_eq!(
            normalize_credit_code(" 91350100m000100y43 ").unwrap(),
            "91350100M000100Y43"
        );
        // Other codes of real organisations, published on their licences.
        for code in ["911100001000044477", "91110000802100433B"] {
            assert!(normalize_credit_code(code).is_ok(), "{code}");
        }
        let wrong_check = normalize_credit_code("91350100M000100Y44").unwrap_err();
        assert_eq!(wrong_check.message, "err_credit_code_check");
        for bad in [
            "",
            "91350100M000100Y4",
            "91350100M000100Y431",
            "91350100M0001O0Y43",
            "9135010OM000100Y43",
            "91350100M000100I43",
        ] {
            assert_eq!(
                normalize_credit_code(bad).unwrap_err().message,
                "err_credit_code_format",
                "{bad}"
            );
        }
    }

    #[test]
    fn mainland_mobile_numbers() {
        for (input, digits) in [
            ("13812345678", "13812345678"),
            ("+86 138 1234 5678", "13812345678"),
            ("0086-199-0000-0000", "19900000000"),
            (" 15500001111 ", "15500001111"),
        ] {
            assert_eq!(normalize_mobile(input).unwrap(), digits, "{input}");
        }
        for bad in [
            "",
            "1381234567",
            "138123456789",
            "12812345678",
            "23812345678",
            "1381234567a",
            "+1 415 555 0100",
        ] {
            assert!(normalize_mobile(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn logins_are_normalized() {
        assert_eq!(
            Login::parse(" Li.Ming@Example.CN ").unwrap(),
            Login::Email("li.ming@example.cn".into())
        );
        assert_eq!(
            Login::parse("138-1234-5678").unwrap(),
            Login::Phone("13812345678".into())
        );
        assert!(Login::parse("").is_err());
        assert!(Login::parse("li@example").is_err());
        assert!(Login::parse("a@b@c.cn").is_err());
        assert!(Login::parse("a b@c.cn").is_err());
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert!(check_new_password("correct horse").is_ok());
        assert!(check_new_password("alllowercase").is_ok());
        assert!(check_new_password("七个字的密码呀").is_err());
        assert!(check_new_password("八个汉字的长密码啊").is_ok());
        assert!(check_new_password(&"x".repeat(129)).is_err());
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("123"), "****");
    }

    #[test]
    fn registration_messages_carry_the_link_and_no_typed_text() {
        let link = "https://hub.example/register/confirm?token=abc";
        for by_text in [false, true] {
            let (subject, body) = confirmation_message(link, by_text);
            assert!(!subject.contains('\n'));
            assert_eq!(body.matches(link).count(), 2);
            let (subject, body) = already_registered_message("https://hub.example", by_text);
            assert!(!subject.contains('\n'));
            assert!(body.contains("https://hub.example/signin"));
            assert!(!body.contains("token"));
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(normalize_name("display_name", "  李明 ").unwrap(), "李明");
        assert!(normalize_name("display_name", "   ").is_err());
        assert!(normalize_name("display_name", &"名".repeat(101)).is_err());
        assert!(normalize_name("display_name", "a\u{0}b").is_err());
    }
}
