//! The one CSV writer every download goes through (ssr only): staff exports, the demand
//! statistics and the open data.
//!
//! Spreadsheets run a cell that starts like a formula, so a concern subject such as
//! `=HYPERLINK("http://evil.example")` would turn into a live link, or worse, on a staff
//! member's machine. Following OWASP's advice on CSV injection, every text cell whose
//! first character (after any blanks) is `=`, `+`, `-` or `@` (or their full-width forms,
//! which Chinese input methods type), or that starts with a tab, a carriage return or
//! another control character, gets a `'` in front, which spreadsheets read as "this is
//! text"; and every text cell is quoted, so that a `;` inside it cannot start a new cell
//! where the spreadsheet splits on semicolons.
//!
//! Numbers the hub formats itself (counts, amounts in yuan, scores) are typed cells and
//! stay as they are: their text is only ever an optional minus sign, digits and a decimal
//! point, which every spreadsheet reads as a number, never as a formula, so a negative
//! amount remains a number one can add up. Text from people is never a number cell, even
//! when it looks like one (`-5` typed as a project name is written `'-5`).
use std::borrow::Cow;

/// Excel reads a file as UTF-8 (Chinese intact) only when it starts with this mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One cell, by what it holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Any text: neutralised when it could read as a formula.
    Text(Cow<'a, str>),
    Int(i64),
    /// Fen, written as yuan with two decimals (`1234.50`).
    Yuan(i64),
    /// A number with this many decimals.
    Decimal(f64, usize),
    Empty,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Self {
        Cell::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Cell<'static> {
    fn from(text: String) -> Self {
        Cell::Text(Cow::Owned(text))
    }
}

impl From<i64> for Cell<'static> {
    fn from(value: i64) -> Self {
        Cell::Int(value)
    }
}

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(value: Option<T>) -> Self {
        value.map(Into::into).unwrap_or(Cell::Empty)
    }
}

impl Cell<'_> {
    /// The cell's text as it goes into the file.
    pub fn render(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Int(value) => Cow::Owned(value.to_string()),
            Cell::Yuan(fen) => Cow::Owned(super::model::plain_yuan(*fen)),
            // "NaN" or "-inf" would be no number to a spreadsheet.
            Cell::Decimal(value, places) if value.is_finite() => {
                Cow::Owned(format!("{value:.places$}"))
            }
            Cell::Decimal(..) | Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// `text` as a spreadsheet will show it and never run it: with a leading `'` when it could
/// be read as a formula (see the module's comment).
pub fn neutralise(text: &str) -> Cow<'_, str> {
    let starts_with_control = text.chars().next().is_some_and(char::is_control);
    let formula_like = text
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| "=+-@＝＋－＠".contains(c));
    if starts_with_control || formula_like {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV file, or one chunk of a file that is streamed in several.
pub struct Sheet {
    out: csv::Writer<Vec<u8>>,
}

fn writer(start: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(start)
}

impl Sheet {
    /// A new file: the byte-order mark, then the header row. The column names are the
    /// hub's own identifiers (`number`, `item_code`), written as they are: tools that
    /// read a file by its column names find them unquoted.
    pub fn new(header: &[&str]) -> Result<Sheet, csv::Error> {
        debug_assert!(header.iter().all(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        }));
        let mut start = BOM.to_vec();
        start.extend_from_slice(header.join(",").as_bytes());
        start.push(b'\n');
        Ok(Sheet { out: writer(start) })
    }

    /// The next chunk of a file begun with [`Sheet::new`]: rows only.
    pub fn continued() -> Sheet {
        Sheet {
            out: writer(Vec::new()),
        }
    }

    pub fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) -> Result<(), csv::Error> {
        let rendered: Vec<String> = cells
            .into_iter()
            .map(|cell| cell.render().into_owned())
            .collect();
        self.out.write_record(&rendered)
    }

    /// The bytes written so far.
    pub fn into_bytes(self) -> Result<Vec<u8>, csv::Error> {
        self.out.into_inner().map_err(|e| e.into_error().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_could_be_a_formula_is_neutralised() {
        for (typed, written) in [
            (
                "=HYPERLINK(\"http://evil\")",
                "'=HYPERLINK(\"http://evil\")",
            ),
            ("+1+cmd", "'+1+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tteam", "'\tteam"),
            ("\rteam", "'\rteam"),
            ("\nteam", "'\nteam"),
            ("  =1+1", "'  =1+1"),
            ("\u{3000}=1+1", "'\u{3000}=1+1"),
            ("＝1+1", "'＝1+1"),
            ("－5", "'－5"),
            // Text that looks like a number is still text.
            ("-5", "'-5"),
            // Ordinary text is left alone, also with the characters further in.
            ("智能网联测试平台", "智能网联测试平台"),
            ("a=b", "a=b"),
            ("name@example.cn", "name@example.cn"),
            ("2026-11-01 09:30", "2026-11-01 09:30"),
            ("", ""),
        ] {
            assert_eq!(neutralise(typed), written, "{typed:?}");
        }
    }

    #[test]
    fn numbers_the_hub_formats_stay_numbers() {
        assert_eq!(Cell::Int(-3).render(), "-3");
        assert_eq!(Cell::Yuan(-100).render(), "-1.00");
        assert_eq!(Cell::Yuan(123_450).render(), "1234.50");
        assert_eq!(Cell::Decimal(7.456, 2).render(), "7.46");
        assert_eq!(Cell::Decimal(f64::NEG_INFINITY, 2).render(), "");
        assert_eq!(Cell::from(None::<i64>).render(), "");
        assert_eq!(Cell::from("-3").render(), "'-3");
    }

    #[test]
    fn text_is_quoted_numbers_are_not_and_chunks_continue_the_file() {
        let mut sheet = Sheet::new(&["name", "count"]).unwrap();
        sheet.row([Cell::from("a;=1+1"), Cell::Int(-2)]).unwrap();
        let mut next = Sheet::continued();
        next.row([Cell::from("=1+1"), Cell::Yuan(5)]).unwrap();
        let mut bytes = sheet.into_bytes().unwrap();
        bytes.extend(next.into_bytes().unwrap());
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}name,count\n\"a;=1+1\",-2\n\"'=1+1\",0.05\n"
        );
    }
}
