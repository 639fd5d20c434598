//! Identity documents (shared by server and browser).
use crate::common::date::Date;
use crate::error::FieldError;

/// Weights of the first 17 characters of a mainland ID number (GB 11643-1999).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder 0–10 (ISO 7064 MOD 11-2).
const ID_CHECK: [u8; 11] = *b"10X98765432";

/// A checked mainland resident ID number: 18 characters (upper-case `X` as check
/// character), with the birth date it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MainlandId {
    pub number: String,
    pub birth_date: Date,
}

/// Checks a mainland ID number: 6-digit area code, a real birth date not in the future,
/// 3-digit sequence and the MOD 11-2 check character (`x` accepted as `X`).
pub fn parse_mainland_id(input: &str, today: Date) -> Result<MainlandId, FieldError> {
    let invalid = |message| FieldError {
        field: "id_number",
        message,
    };
    let number = input.trim().to_ascii_uppercase();
    let bytes = number.as_bytes();
    if bytes.len() != 18
        || !bytes[..17].iter().all(u8::is_ascii_digit)
        || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
    {
        return Err(invalid("err_id_format"));
    }
    let digit = |i: usize| u32::from(bytes[i] - b'0');
    let sum: u32 = (0..17).map(|i| digit(i) * ID_WEIGHTS[i]).sum();
    if ID_CHECK[(sum % 11) as usize] != bytes[17] {
        return Err(invalid("err_id_check"));
    }
    let number_at = |from: usize, to: usize| number[from..to].parse::<u32>().unwrap_or(0);
    let birth_date = Date::new(
        number_at(6, 10) as i32,
        number_at(10, 12),
        number_at(12, 14),
    )
    .filter(|born| *born <= today)
    .ok_or(invalid("err_id_birth_date"))?;
    Ok(MainlandId { number, birth_date })
}

/// `110105********002X`: an ID number as everyone but its owner and staff see it.
pub fn mask_id(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 25,
    };

    #[test]
    fn valid_mainland_ids() {
        let id = parse_mainland_id("11010519491231002X", TODAY).unwrap();
        assert_eq!(id.birth_date, Date::new(1949, 12, 31).unwrap());
        let id = parse_mainland_id("440524188001010014", TODAY).unwrap();
        assert_eq!(id.birth_date, Date::new(1880, 1, 1).unwrap());
        // Lower-case x and surrounding spaces are accepted and normalized.
        assert_eq!(
            parse_mainland_id(" 11010519491231002x ", TODAY)
                .unwrap()
                .number,
            "11010519491231002X"
        );
    }

    #[test]
    fn invalid_mainland_ids() {
        for (input, message) in [
            ("110105194912310021", "err_id_check"),
            ("11010519491231002", "err_id_format"),
            ("11010519491231002XX", "err_id_format"),
            ("1101051949123100X2", "err_id_format"),
            ("A1010519491231002X", "err_id_format"),
            ("", "err_id_format"),
        ] {
            assert_eq!(
                parse_mainland_id(input, TODAY).unwrap_err().message,
                message,
                "{input}"
            );
        }
    }

    #[test]
    fn impossible_birth_dates_are_refused() {
        // Correct check characters, impossible dates (computed for these numbers).
        let with_check = |first17: &str| {
            let sum: u32 = first17
                .bytes()
                .enumerate()
                .map(|(i, b)| u32::from(b - b'0') * ID_WEIGHTS[i])
                .sum();
            format!("{first17}{}", ID_CHECK[(sum % 11) as usize] as char)
        };
        for first17 in [
            "11010519490230002",
            "11010519491331002",
            "11010520991231002",
        ] {
            let number = with_check(first17);
            assert_eq!(
                parse_mainland_id(&number, TODAY).unwrap_err().message,
                "err_id_birth_date",
                "{number}"
            );
        }
        assert!(parse_mainland_id(&with_check("11010520000229002"), TODAY).is_ok());
    }

    #[test]
    fn ids_are_masked() {
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id("E12345678"), "*********");
    }
}

crate::string_enum! {
    /// Which identity document a talent holds.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum IdType {
        Mainland => "mainland",
        Passport => "passport",
    }
}

/// A passport number: 5 to 20 letters and digits.
pub fn normalize_passport(input: &str) -> Result<String, FieldError> {
    let number: String = input.trim().to_ascii_uppercase();
    if (5..=20).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(number)
    } else {
        Err(FieldError {
            field: "id_number",
            message: "err_passport_format",
        })
    }
}

/// The profile as its owner sees and edits it. The ID number is only ever sent masked;
/// leaving the field empty when saving keeps the stored number.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TalentProfile {
    pub full_name: String,
    pub id_type: String,
    pub id_number_masked: String,
    pub birth_date: String,
    pub nationality: String,
    pub education: String,
    pub university: String,
    pub major: String,
    pub graduation_date: String,
    pub employer_name: String,
    /// "yes", "no" or "" (unknown).
    pub employer_in_district: String,
    pub first_employment: String,
    pub industry: String,
    pub tier: String,
    pub version: i64,
}

impl TalentProfile {
    /// What the profile answers for an application form's field, if anything: fields are
    /// matched by key (`degree` is the profile's education), and a choice only with one
    /// of the field's own options.
    pub fn answer_for(&self, field: &crate::catalogue::model::FormField) -> Option<String> {
        use crate::catalogue::model::FieldKind;
        let value = match field.key.as_str() {
            "full_name" => &self.full_name,
            "birth_date" => &self.birth_date,
            "nationality" => &self.nationality,
            "education" | "degree" => &self.education,
            "university" => &self.university,
            "major" => &self.major,
            "graduation_date" => &self.graduation_date,
            "employer_name" => &self.employer_name,
            "employer_in_district" => &self.employer_in_district,
            "first_employment" => &self.first_employment,
            "industry" => &self.industry,
            "tier" => &self.tier,
            _ => return None,
        };
        let fits = match &field.kind {
            FieldKind::Choice { options } => options.iter().any(|o| &o.value == value),
            FieldKind::YesNo => matches!(value.as_str(), "yes" | "no"),
            FieldKind::File => false,
            _ => true,
        };
        (fits && !value.is_empty()).then(|| value.clone())
    }

    /// The answers the profile gives for `form`, by field key.
    pub fn answers_for(
        &self,
        form: &[crate::catalogue::model::FormField],
    ) -> std::collections::BTreeMap<String, String> {
        form.iter()
            .filter_map(|f| self.answer_for(f).map(|v| (f.key.clone(), v)))
            .collect()
    }

    /// The facts the eligibility rules read.
    pub fn facts(&self) -> crate::eligibility::model::Profile {
        use crate::eligibility::model::*;
        let yes_no = |v: &str| match v {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        Profile {
            education: Education::parse(&self.education),
            graduation_date: Date::parse(&self.graduation_date),
            birth_date: Date::parse(&self.birth_date),
            employer_in_district: yes_no(&self.employer_in_district),
            industry: Industry::parse(&self.industry),
            tier: TalentTier::parse(&self.tier),
            mainland_resident: IdType::parse(&self.id_type).map(|t| t == IdType::Mainland),
            first_employment: yes_no(&self.first_employment),
        }
    }
}
