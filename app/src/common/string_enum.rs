//! `string_enum!`: a closed set of values that is stored and sent as text (a case's state, a
//! role, a kind of event). One list declares each variant with its text, and the macro
//! derives the rest from it, so a new variant cannot be left out of `ALL`, and text that
//! names no variant is refused rather than read as some default.

/// Declares the enum and, from the one list of `Variant => "text"`:
/// - `ALL`, every value in declaration order;
/// - `as_str`, the text stored in the database and sent in forms;
/// - `parse`, the value a text names (`None` for any other text);
/// - `stored`, the value of a text read back from the database, or an internal error
///   (logged with the text) when it names none: a row is never guessed at.
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The text stored in the database and sent in forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value `text` names, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The value of `text` read back from the database; text that names no value
            /// is an internal error, not a guess.
            pub fn stored(text: &str) -> Result<$name, $crate::error::AppError> {
                $name::parse(text).ok_or_else(|| {
                    $crate::common::string_enum::unknown(stringify!($name), text)
                })
            }
        }
    };
}

/// The error for a stored text that names no value of `kind` (logged on the server).
pub fn unknown(kind: &'static str, text: &str) -> crate::error::AppError {
    #[cfg(feature = "ssr")]
    tracing::error!(kind, text, "stored value names no known value");
    #[cfg(not(feature = "ssr"))]
    let _ = (kind, text);
    crate::error::AppError::Internal
}

#[cfg(test)]
mod tests {
    crate::string_enum! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Colour {
            Red => "red",
            /// With a comment.
            DeepBlue => "deep_blue",
        }
    }

    #[test]
    fn every_value_reads_back_and_nothing_else_does() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DeepBlue]);
        for colour in Colour::ALL {
            assert_eq!(Colour::parse(colour.as_str()), Some(colour));
        }
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(Colour::parse(""), None);
        assert_eq!(
            Colour::stored("green"),
            Err(crate::error::AppError::Internal)
        );
        assert_eq!(Colour::stored("deep_blue"), Ok(Colour::DeepBlue));
    }
}
