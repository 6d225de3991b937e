//! Both catalogs, every key: nothing empty, every argument said, Korean written in Hangul and
//! English without it, and the language chosen as the page and the CLI choose it.

use super::{every_text, Lang, Pods};

/// A sample argument a key is called with in the tests, distinct per argument name so that a
/// text which drops one argument, or says another in its place, is caught.
pub(crate) trait Sample {
    fn sample(name: &'static str) -> Self;
    /// How the argument must appear in the text.
    fn shown(&self) -> String;
}

fn distinct_number(name: &str) -> usize {
    // Numbers a text would not say by itself.
    9_000 + name.bytes().map(usize::from).sum::<usize>()
}

impl Sample for usize {
    fn sample(name: &'static str) -> usize {
        distinct_number(name)
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Sample for &str {
    fn sample(name: &'static str) -> Self {
        Box::leak(format!("⟨{name}⟩").into_boxed_str())
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Sample for &Pods {
    fn sample(name: &'static str) -> Self {
        Box::leak(Box::new(Pods {
            owner_kind: "Deployment".into(),
            owner_name: format!("⟨{name}⟩"),
            count: Some(3),
        }))
    }
    fn shown(&self) -> String {
        self.owner_name.clone()
    }
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Korean texts that are rightly without Hangul: none today. A key belongs here only when the
/// text is Kubernetes' own words or a symbol, never because it is not translated yet.
const KOREAN_WITHOUT_HANGUL: &[&str] = &[];

#[test]
fn every_key_says_every_argument_in_both_languages() {
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        for (key, text, shown) in every_text(lang.texts()) {
            if text.trim().is_empty() {
                failures.push(format!("{lang:?} {key}: empty"));
            }
            for arg in &shown {
                if !text.contains(arg.as_str()) {
                    failures.push(format!("{lang:?} {key}: does not say {arg}: {text}"));
                }
            }
            if text.contains('{') && !text.contains("{matchLabels") {
                failures.push(format!(
                    "{lang:?} {key}: a brace left from a template: {text}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn korean_is_written_in_hangul_and_english_without_it() {
    let mut failures = Vec::new();
    let ko = every_text(Lang::Ko.texts());
    let en = every_text(Lang::En.texts());
    assert_eq!(ko.len(), en.len());
    for ((key, ko_text, _), (_, en_text, _)) in ko.iter().zip(&en) {
        let hangul = ko_text.chars().any(is_hangul);
        if !hangul && !KOREAN_WITHOUT_HANGUL.contains(key) {
            failures.push(format!("ko {key} has no Hangul: {ko_text}"));
        }
        if ko_text == en_text {
            failures.push(format!("ko {key} is the English text"));
        }
        if en_text.chars().any(is_hangul) {
            failures.push(format!("en {key} has Hangul: {en_text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Pods of a `kind` named web.
fn pods(kind: &str, count: Option<i32>) -> Pods {
    Pods {
        owner_kind: kind.into(),
        owner_name: "web".into(),
        count,
    }
}

#[test]
fn english_plurals() {
    let en = Lang::En.texts();
    for (n, errors, objects) in [
        (0, "0 errors", "matches 0 objects"),
        (1, "1 error", "matches 1 object"),
        (2, "2 errors", "matches 2 objects"),
    ] {
        assert_eq!(en.error_count(n), errors);
        assert_eq!(en.matches_objects(n), objects);
    }
    for (p, want) in [
        (pods("Pod", Some(1)), "Pod web has app=web"),
        (
            pods("Deployment", Some(1)),
            "1 Pod of Deployment web has app=web",
        ),
        (
            pods("Deployment", Some(3)),
            "3 Pods of Deployment web have app=web",
        ),
        (
            pods("DaemonSet", None),
            "Pods of DaemonSet web (one per node) have app=web",
        ),
    ] {
        assert_eq!(en.hint_pods_have_labels(&p, "app=web"), want);
    }
}

#[test]
fn korean_kinds_follow_kubernetes_io_ko() {
    // kubernetes.io/ko: Pod and Service in Hangul alone, other kinds with the English beside them.
    let ko = Lang::Ko.texts();
    for (p, want) in [
        (pods("Pod", Some(1)), "파드 web"),
        (
            pods("Deployment", Some(3)),
            "디플로이먼트(Deployment) web의 파드 3개",
        ),
        (
            pods("DaemonSet", None),
            "데몬셋(DaemonSet) web의 파드 (노드마다 하나)",
        ),
        (pods("Widget", Some(2)), "Widget web의 파드 2개"),
    ] {
        assert_eq!(ko.pods(&p), want);
    }
}

#[test]
fn tags_name_languages() {
    for (tag, want) in [
        ("ko", Some(Lang::Ko)),
        ("ko-KR", Some(Lang::Ko)),
        ("KO-kr", Some(Lang::Ko)),
        ("ko_KR.UTF-8", Some(Lang::Ko)),
        ("ko_KR.utf8@hangul", Some(Lang::Ko)),
        ("en", Some(Lang::En)),
        ("en-GB", Some(Lang::En)),
        ("en_US.UTF-8", Some(Lang::En)),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("kok", None),
        ("fr-FR", None),
        ("", None),
    ] {
        assert_eq!(Lang::from_tag(tag), want, "{tag:?}");
    }
}

#[test]
fn languages_are_chosen_link_first_then_stored_then_browser() {
    for (link, stored, browser, want) in [
        // A new visitor: the browser's first language kubeplay speaks.
        (None, None, &["ko-KR", "en-US"][..], Lang::Ko),
        (None, None, &["ko"][..], Lang::Ko),
        (None, None, &["en-US", "ko"][..], Lang::En),
        (None, None, &["fr-FR", "ko"][..], Lang::Ko),
        (None, None, &["fr-FR", "de"][..], Lang::En),
        (None, None, &[][..], Lang::En),
        // The reader's own choice outlasts the browser's.
        (None, Some("en"), &["ko-KR"][..], Lang::En),
        (None, Some("ko"), &["en-US"][..], Lang::Ko),
        // A stored value kubeplay does not know is ignored.
        (None, Some("xx"), &["ko-KR"][..], Lang::Ko),
        // A link opens in the language it was shared in.
        (Some("ko"), Some("en"), &["en-US"][..], Lang::Ko),
        (Some("en"), Some("ko"), &["ko-KR"][..], Lang::En),
        (Some("zz"), Some("ko"), &["en-US"][..], Lang::Ko),
        (Some(""), None, &["ko-KR"][..], Lang::Ko),
    ] {
        assert_eq!(
            Lang::choose(link, stored, browser.iter().copied()),
            want,
            "link {link:?}, stored {stored:?}, browser {browser:?}"
        );
    }
}
