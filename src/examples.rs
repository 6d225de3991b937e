//! The examples shipped with kubeplay, written for it; the first is what a new visitor sees. Each
//! is one manifest with its comments written in each language (`static/examples/` in English,
//! `static/examples/ko/` in Korean); only the comments differ.

use crate::i18n::{Catalog, Lang};

/// An example: a short id (for tests and links), its title in the catalogs, and the manifest in
/// each language.
pub struct Example {
    pub id: &'static str,
    title: fn(&dyn Catalog) -> String,
    en: &'static str,
    ko: &'static str,
}

impl Example {
    pub fn title(&self, lang: Lang) -> String {
        (self.title)(lang.texts())
    }

    /// The manifest, its comments in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }

    /// Whether `text` is this example as shipped, in any language.
    pub fn is(&self, text: &str) -> bool {
        Lang::ALL.into_iter().any(|l| self.text(l) == text)
    }
}

macro_rules! example {
    ($id:literal, $title:ident) => {
        Example {
            id: $id,
            title: |c| c.$title(),
            en: include_str!(concat!("../static/examples/", $id, ".yaml")),
            ko: include_str!(concat!("../static/examples/ko/", $id, ".yaml")),
        }
    };
}

pub const EXAMPLES: &[Example] = &[
    example!("service-deployment", example_service_deployment),
    example!("rolling-update", example_rolling_update),
    example!("blue-green", example_blue_green),
    example!("set-based-selectors", example_set_based_selectors),
    example!("job", example_job),
    example!("cronjob", example_cronjob),
    example!("statefulset", example_statefulset),
    example!("pv-pvc", example_pv_pvc),
    example!("find-the-mistakes", example_find_the_mistakes),
];

/// The example `text` is, as shipped in any language.
pub fn shipped(text: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.is(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with its comments taken out: whole-line comments dropped, end-of-line ones cut
    /// (a `#` after a space, outside quotes), trailing spaces trimmed.
    fn without_comments(text: &str) -> Vec<String> {
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|line| {
                let mut quote = None;
                let mut prev = ' ';
                let mut cut = line.len();
                for (i, c) in line.char_indices() {
                    match quote {
                        Some(q) if c == q => quote = None,
                        Some(_) => {}
                        None if c == '"' || c == '\'' => quote = Some(c),
                        None if c == '#' && i > 0 && (prev == ' ' || prev == '\t') => {
                            cut = i;
                            break;
                        }
                        None => {}
                    }
                    prev = c;
                }
                line[..cut].trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn every_example_is_the_same_manifest_in_both_languages() {
        for e in EXAMPLES {
            assert_eq!(
                without_comments(e.en),
                without_comments(e.ko),
                "{}: the Korean example differs from the English one outside its comments",
                e.id
            );
            assert_ne!(
                e.en, e.ko,
                "{}: the Korean example has English comments",
                e.id
            );
            let korean_comments =
                e.ko.lines()
                    .filter(|l| l.trim_start().starts_with('#'))
                    .any(|l| l.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)));
            assert!(korean_comments, "{}: no Korean comment", e.id);
        }
    }

    #[test]
    fn titles_differ_by_language() {
        for e in EXAMPLES {
            assert_ne!(e.title(Lang::En), e.title(Lang::Ko), "{}", e.id);
        }
    }

    #[test]
    fn shipped_examples_are_recognised_in_either_language() {
        for e in EXAMPLES {
            for lang in Lang::ALL {
                assert_eq!(shipped(e.text(lang)).map(|x| x.id), Some(e.id));
            }
        }
        assert!(shipped("kind: Pod\n").is_none());
    }
}
