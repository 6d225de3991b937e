//! Playground state ⇄ URL fragment: `#code=1.<base64url of raw deflate>`, then `&lang=ko` when
//! the page was in a language other than English.
//!
//! The one thing to know: decoding is bounded, so a crafted link cannot expand past `MAX_DECODED`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::i18n::Lang;

/// The most text a link may expand to.
pub const MAX_DECODED: usize = crate::manifest::MAX_INPUT;
const PREFIX: &str = "code=1.";

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    NotAPlaygroundLink,
    BadEncoding,
    TooLarge,
    NotText,
}

impl ShareError {
    pub fn text(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            ShareError::NotAPlaygroundLink => t.share_not_a_playground(),
            ShareError::BadEncoding => t.share_damaged(),
            ShareError::TooLarge => t.share_too_large(MAX_DECODED / (1024 * 1024)),
            ShareError::NotText => t.share_not_text(),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The URL fragment (without `#`) for a text.
pub fn encode(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The fragment for a text shared from a page in `lang`.
pub fn encode_in(text: &str, lang: Lang) -> String {
    fragment_of(
        &miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9),
        lang,
    )
}

/// The fragment for a text already deflated (raw DEFLATE, RFC 1951), shared in `lang`: the page
/// deflates with the browser's own CompressionStream and carries no compressor.
pub fn fragment_of(packed: &[u8], lang: Lang) -> String {
    let code = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed));
    match lang {
        Lang::En => code,
        _ => format!("{code}&lang={}", lang.code()),
    }
}

/// The fragment's parameters after the first (`lang=ko`), as `(name, value)`.
fn params(fragment: &str) -> impl Iterator<Item = (&str, &str)> {
    fragment
        .split('&')
        .skip(1)
        .filter_map(|p| p.split_once('='))
}

/// The language a shared link was made in, if it says.
pub fn lang_of(fragment: &str) -> Option<Lang> {
    params(fragment)
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| Lang::from_tag(value))
}

/// The same fragment, saying `lang` instead of the language it said.
pub fn with_lang(fragment: &str, lang: Lang) -> String {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let code = fragment.split('&').next().unwrap_or_default();
    let mut out = code.to_string();
    for (name, value) in params(fragment).filter(|(name, _)| *name != "lang") {
        out.push_str(&format!("&{name}={value}"));
    }
    if lang != Lang::En {
        out.push_str(&format!("&lang={}", lang.code()));
    }
    out
}

/// The text in a URL fragment (with or without `#`).
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    let packed = unpack(fragment)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED).map_err(|e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                ShareError::TooLarge
            } else {
                ShareError::BadEncoding
            }
        })?;
    text_of(bytes)
}

/// The deflated bytes a fragment carries (the page inflates them with the browser's own
/// DecompressionStream, at most [`MAX_DECODED`] bytes, and reads them with [`text_of`]).
pub fn unpack(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    // What follows the text's data are parameters (`&lang=ko`); base64url has no `&`.
    let fragment = fragment.split('&').next().unwrap_or_default();
    let data = fragment
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotAPlaygroundLink)?;
    // Base64 of the deflated text can be no longer than a bound derived from the decoded limit.
    if data.len() > MAX_DECODED * 2 {
        return Err(ShareError::TooLarge);
    }
    URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::BadEncoding)
}

/// The shared text, from its inflated bytes.
pub fn text_of(bytes: Vec<u8>) -> Result<String, ShareError> {
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

/// Does the text hold a Secret (so sharing it would publish its data)?
pub fn contains_secret(text: &str) -> bool {
    crate::manifest::load(text)
        .objects
        .iter()
        .any(|o| o.kind == "Secret")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for text in [
            "",
            "apiVersion: v1\nkind: Pod\n",
            "한국어 주석 # 쿠버네티스\n",
            &"x: 1\n".repeat(10_000),
        ] {
            assert_eq!(decode(&encode(text)).as_deref(), Ok(text));
            assert_eq!(decode(&format!("#{}", encode(text))).as_deref(), Ok(text));
        }
    }

    #[test]
    fn links_carry_their_language() {
        let text = "apiVersion: v1\nkind: Pod\n";
        let ko = encode_in(text, Lang::Ko);
        assert!(ko.ends_with("&lang=ko"), "{ko}");
        assert_eq!(decode(&ko).as_deref(), Ok(text));
        assert_eq!(lang_of(&ko), Some(Lang::Ko));
        assert_eq!(lang_of(&format!("#{ko}")), Some(Lang::Ko));
        // English is the default: its links stay as they were before languages.
        assert_eq!(encode_in(text, Lang::En), encode(text));
        assert_eq!(lang_of(&encode(text)), None);
        for (fragment, want) in [
            ("code=1.AAAA&lang=ko-KR", Some(Lang::Ko)),
            ("code=1.AAAA&lang=en", Some(Lang::En)),
            ("code=1.AAAA&lang=xx", None),
            ("code=1.AAAA&lang", None),
            ("code=1.AAAA&x=1&lang=ko", Some(Lang::Ko)),
        ] {
            assert_eq!(lang_of(fragment), want, "{fragment}");
        }
        for (fragment, lang, want) in [
            ("code=1.AAAA", Lang::Ko, "code=1.AAAA&lang=ko"),
            ("#code=1.AAAA&lang=ko", Lang::En, "code=1.AAAA"),
            (
                "code=1.AAAA&x=1&lang=en",
                Lang::Ko,
                "code=1.AAAA&x=1&lang=ko",
            ),
        ] {
            assert_eq!(with_lang(fragment, lang), want, "{fragment}");
        }
    }

    #[test]
    fn errors_are_said_in_both_languages() {
        assert_eq!(
            ShareError::TooLarge.to_string(),
            "this link's playground is larger than 2 MiB and was not opened"
        );
        assert!(ShareError::TooLarge.text(Lang::Ko).contains("2 MiB"));
    }

    #[test]
    fn bad_links() {
        assert_eq!(decode("foo"), Err(ShareError::NotAPlaygroundLink));
        assert_eq!(decode("code=1.!!!"), Err(ShareError::BadEncoding));
        assert_eq!(decode("code=1.AAAA"), Err(ShareError::BadEncoding));
        let bomb = encode(&"a".repeat(MAX_DECODED + 1));
        assert!(bomb.len() < 10_000, "a bomb is small");
        assert_eq!(decode(&bomb), Err(ShareError::TooLarge));
        let bytes = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9);
        assert_eq!(
            decode(&format!("code=1.{}", URL_SAFE_NO_PAD.encode(bytes))),
            Err(ShareError::NotText)
        );
    }

    #[test]
    fn secrets_are_noticed() {
        assert!(contains_secret(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
        ));
        assert!(!contains_secret(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n"
        ));
    }
}
