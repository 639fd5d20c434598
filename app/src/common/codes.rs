//! Random codes people read out, type or scan: check-in codes, certificate numbers,
//! decision-notice numbers. They are drawn from letters and digits that cannot be mistaken
//! for one another, and read back leniently (case, spaces and dashes do not matter).

/// Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, U/V).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";

/// `len` random characters of [`CODE_ALPHABET`], from the operating system's generator.
#[cfg(feature = "ssr")]
pub fn random_code(len: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..len)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// `text` as a QR code (SVG) at least `size` pixels wide, with its quiet zone.
#[cfg(feature = "ssr")]
pub fn qr_svg(text: &str, size: u32) -> Result<String, crate::error::AppError> {
    let qr = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| crate::error::AppError::Internal)?;
    Ok(qr
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build())
}

/// `text` without spaces and dashes, in capitals.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A document number: a prefix and random characters shown in groups of four
/// (`LJTC-ABCD-EFGH-JKMN-PQRS`). 29^16 numbers: one in use cannot be found by guessing.
#[derive(Clone, Copy, Debug)]
pub struct DocumentNumber {
    pub prefix: &'static str,
    pub random: usize,
}

impl DocumentNumber {
    /// The shown form of a number from its random part.
    pub fn shown(&self, random: &str) -> String {
        let groups: Vec<&str> = (0..random.len())
            .step_by(4)
            .map(|i| &random[i..(i + 4).min(random.len())])
            .collect();
        format!("{}-{}", self.prefix, groups.join("-"))
    }

    /// The number `text` is, as typed; `None` when it cannot be one.
    pub fn normalize(&self, text: &str) -> Option<String> {
        let compact = compact(text);
        let random = compact.strip_prefix(self.prefix)?;
        (random.len() == self.random && random.bytes().all(|b| CODE_ALPHABET.contains(&b)))
            .then(|| self.shown(random))
    }

    /// A new number.
    #[cfg(feature = "ssr")]
    pub fn generate(&self) -> String {
        self.shown(&random_code(self.random))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: DocumentNumber = DocumentNumber {
        prefix: "LJTC",
        random: 16,
    };

    #[test]
    fn numbers_are_read_leniently() {
        let shown = "LJTC-ABCD-EFGH-JKMN-PQRS";
        assert_eq!(NUMBER.shown("ABCDEFGHJKMNPQRS"), shown);
        assert_eq!(
            NUMBER.normalize(" ljtc abcd-efgh-jkmn-pqrs ").as_deref(),
            Some(shown)
        );
        assert_eq!(
            NUMBER.normalize("LJTCABCDEFGHJKMNPQRS").as_deref(),
            Some(shown)
        );
        // Wrong prefix, too short, a character never used.
        assert_eq!(NUMBER.normalize("XXTC-ABCD-EFGH-JKMN-PQRS"), None);
        assert_eq!(NUMBER.normalize("LJTC-ABCD"), None);
        assert_eq!(NUMBER.normalize("LJTC-ABCD-EFGH-JKMN-PQR0"), None);
    }
}
