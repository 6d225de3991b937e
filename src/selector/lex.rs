//! The selector lexer: apimachinery's `Lexer`, byte for byte, plus the offset of each token.

/// A token of the label selector string syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

/// A token, its text and where it starts (a byte offset into the selector).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scanned {
    pub token: Token,
    pub literal: String,
    pub offset: usize,
}

fn keyword(s: &str) -> Option<Token> {
    Some(match s {
        ")" => Token::ClosedPar,
        "," => Token::Comma,
        "!" => Token::DoesNotExist,
        "==" => Token::DoubleEquals,
        "=" => Token::Equals,
        ">" => Token::GreaterThan,
        "in" => Token::In,
        "<" => Token::LessThan,
        "!=" => Token::NotEquals,
        "notin" => Token::NotIn,
        "(" => Token::OpenPar,
        _ => return None,
    })
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_special(b: u8) -> bool {
    matches!(b, b'=' | b'!' | b'(' | b')' | b',' | b'>' | b'<')
}

/// Splits a selector into tokens, ending with `EndOfString`.
///
/// Every special character is a token on its own, so unlike upstream this lexer has no error token:
/// the longest run of special characters that forms a token wins (`!=`, `==`), the rest start anew.
pub fn lex(input: &str) -> Vec<Scanned> {
    let b = input.as_bytes();
    let mut pos = 0;
    let mut out = Vec::new();
    loop {
        while pos < b.len() && is_whitespace(b[pos]) {
            pos += 1;
        }
        let start = pos;
        if pos >= b.len() {
            out.push(Scanned {
                token: Token::EndOfString,
                literal: String::new(),
                offset: start,
            });
            return out;
        }
        if is_special(b[pos]) {
            // Longest prefix of specials that is a token; single specials always are.
            let mut best = (Token::EndOfString, 0);
            let mut end = pos;
            while end < b.len() && is_special(b[end]) {
                end += 1;
                match keyword(&input[pos..end]) {
                    Some(t) => best = (t, end),
                    None => break,
                }
            }
            let (token, stop) = best;
            out.push(Scanned {
                token,
                literal: input[pos..stop].to_string(),
                offset: start,
            });
            pos = stop;
        } else {
            while pos < b.len() && !is_special(b[pos]) && !is_whitespace(b[pos]) {
                pos += 1;
            }
            let lit = &input[start..pos];
            let token = keyword(lit).unwrap_or(Token::Identifier);
            out.push(Scanned {
                token,
                literal: lit.to_string(),
                offset: start,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Token, String)> {
        lex(s).into_iter().map(|t| (t.token, t.literal)).collect()
    }

    #[test]
    fn tokens() {
        use Token::*;
        // From apimachinery selector_test.go TestLexer.
        let cases: &[(&str, Token)] = &[
            ("", EndOfString),
            (",", Comma),
            ("notin", NotIn),
            ("in", In),
            ("=", Equals),
            ("==", DoubleEquals),
            (">", GreaterThan),
            ("<", LessThan),
            ("!", DoesNotExist),
            ("!=", NotEquals),
            ("(", OpenPar),
            (")", ClosedPar),
            ("~", Identifier),
            ("||", Identifier),
        ];
        for (input, want) in cases {
            assert_eq!(lex(input)[0].token, *want, "{input:?}");
        }
        assert_eq!(
            toks("key in ( value )"),
            vec![
                (Identifier, "key".into()),
                (In, "in".into()),
                (OpenPar, "(".into()),
                (Identifier, "value".into()),
                (ClosedPar, ")".into()),
                (EndOfString, "".into())
            ]
        );
        assert_eq!(
            toks("!==")[..2],
            [(NotEquals, "!=".into()), (Equals, "=".into())]
        );
        assert_eq!(
            toks("a=>b")[1..3],
            [(Equals, "=".into()), (GreaterThan, ">".into())]
        );
        assert_eq!(toks("é=ü")[0], (Identifier, "é".into()));
    }
}
