//! Playground state ⇄ URL fragment: `#code=1.<base64url of raw deflate>`.
//!
//! The one thing to know: decoding is bounded, so a crafted link cannot expand past `MAX_DECODED`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

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

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShareError::NotAPlaygroundLink => "this link holds no playground",
            ShareError::BadEncoding => "this link is damaged: its playground could not be decoded",
            ShareError::TooLarge => {
                "this link's playground is larger than 2 MiB and was not opened"
            }
            ShareError::NotText => "this link's playground is not text",
        })
    }
}

/// The URL fragment (without `#`) for a text.
pub fn encode(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The text in a URL fragment (with or without `#`).
pub fn decode(fragment: &str) -> Result<String, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = fragment
        .strip_prefix(PREFIX)
        .ok_or(ShareError::NotAPlaygroundLink)?;
    // Base64 of the deflated text can be no longer than a bound derived from the decoded limit.
    if data.len() > MAX_DECODED * 2 {
        return Err(ShareError::TooLarge);
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::BadEncoding)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED).map_err(|e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                ShareError::TooLarge
            } else {
                ShareError::BadEncoding
            }
        })?;
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
